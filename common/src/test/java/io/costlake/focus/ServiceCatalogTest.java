package io.costlake.focus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceCatalogTest {
  /** FOCUS 1.2 subcategory to its one parent category, from the validator's rule model. */
  private static Map<String, String> parents() throws IOException {
    try (InputStream in =
        ServiceCatalog.class.getResourceAsStream(
            "/io/costlake/focus/focus_validator_model-1.2.json")) {
      JsonNode rule =
          new ObjectMapper().readTree(in).path("ModelRules").path("ServiceSubcategory-C-004-M");
      Map<String, String> parents = new HashMap<>();
      for (JsonNode pair : rule.path("ValidationCriteria").path("Requirement").path("Items")) {
        String sub = null;
        String category = null;
        for (JsonNode check : pair.path("Items")) {
          if ("ServiceSubcategory".equals(check.path("ColumnName").asText())) {
            sub = check.path("Value").asText();
          } else {
            category = check.path("Value").asText();
          }
        }
        parents.put(sub, category);
      }
      return parents;
    }
  }

  @Test
  void everyAwsSubcategoryIsAFocusValueUnderItsParent() throws IOException {
    Map<String, String> parents = parents();
    ServiceCatalog aws = ServiceCatalog.aws();
    for (String[] row : ServiceCatalog.csv("aws_service_subcategories.csv")) {
      String code = row[0];
      assertEquals(aws.category(code), parents.get(aws.subcategory(code)), code);
    }
    for (String category : aws.categories()) {
      assertEquals(category, parents.get(ServiceCatalog.otherOf(category)), category);
    }
  }

  @Test
  void unknownServicesAreOther() {
    ServiceCatalog aws = ServiceCatalog.aws();
    assertEquals("Other", aws.category("SomethingNew"));
    assertEquals("Other (Other)", aws.subcategory("SomethingNew"));
    assertEquals("Storage", aws.category("AmazonS3"));
    assertEquals("Object Storage", aws.subcategory("AmazonS3"));
    assertTrue(Currencies.isKnown("USD"));
    assertTrue(Currencies.isKnown("NOK"));
    assertTrue(!Currencies.isKnown("XYZ"));
  }
}
