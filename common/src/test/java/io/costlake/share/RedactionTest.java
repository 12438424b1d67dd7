package io.costlake.share;

import static io.costlake.testing.Money.assertMoney;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.config.ShareConfig.Action;
import io.costlake.testing.TestSpark;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class RedactionTest {
  private static Dataset<Row> lines() {
    return TestSpark.session()
        .sql(
            "SELECT * FROM VALUES"
                + " ('i-0abc', 'web-1', CAST(1.50 AS DECIMAL(38,10)),"
                + "  map('team', 'payments', 'owner-email', 'ana@example.com'), map('Owner', 'ana')),"
                + " ('i-0abc', 'web-1', CAST(2.25 AS DECIMAL(38,10)),"
                + "  map('team', 'payments', 'owner-email', 'ana@example.com'), map('Owner', 'ana')),"
                + " (NULL, NULL, CAST(3 AS DECIMAL(38,10)), map('team', 'search'), NULL)"
                + " AS t(ResourceId, ResourceName, EffectiveCost, Tags, x_RawTags)");
  }

  private static Redaction redaction(String key) {
    return new Redaction(
        Map.of("ResourceId", Action.HASH, "ResourceName", Action.HASH, "x_RawTags", Action.DROP),
        Set.of("owner-email"),
        key);
  }

  @Test
  void identifyingValuesAreHashedEqualValuesStayEqualAndMoneyIsUntouched() {
    Dataset<Row> shared = redaction("k1").apply(lines());
    assertEquals(
        List.of("ResourceId", "ResourceName", "EffectiveCost", "Tags"),
        Arrays.asList(shared.columns()));
    List<Row> rows = shared.orderBy("EffectiveCost").collectAsList();
    String resource = rows.get(0).getString(0);
    assertEquals(64, resource.length());
    assertEquals(resource, rows.get(1).getString(0), "the same resource, the same hash");
    assertNotEquals(resource, rows.get(0).getString(1), "ResourceName hashes differently");
    assertNull(rows.get(2).getString(0), "nothing to hide stays null");
    Map<String, String> tags = rows.get(0).getJavaMap(3);
    assertEquals("payments", tags.get("team"));
    assertEquals(64, tags.get("owner-email").length());
    assertFalse(shared.toJSON().collectAsList().toString().contains("ana@example.com"));
    assertFalse(shared.toJSON().collectAsList().toString().contains("i-0abc"));
    assertMoney("1.5", rows.get(0).getDecimal(2));
    assertMoney(
        "6.75",
        shared.agg(org.apache.spark.sql.functions.sum("EffectiveCost")).head().getDecimal(0));
  }

  @Test
  void theHashDependsOnTheKey() {
    String one = redaction("k1").apply(lines()).head().getString(0);
    String other = redaction("k2").apply(lines()).head().getString(0);
    assertNotEquals(one, other, "without the key, hashing a guess does not find the name");
  }

  @Test
  void describeSaysWhatIsHidden() {
    List<String> changes = redaction("k").describe(lines());
    assertEquals(
        List.of(
            "ResourceId hashed",
            "ResourceName hashed",
            "Tags values of owner-email hashed",
            "x_RawTags dropped"),
        changes);
    assertTrue(redaction("k").describe(lines().select("EffectiveCost")).isEmpty());
  }
}
