package io.costlake.focus;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;

/**
 * FOCUS ServiceName, ServiceCategory and ServiceSubcategory of a provider's service codes, from the
 * lookup files bundled under {@code io/costlake/focus/}. Lookups are literal map expressions, so a
 * mapping costs no join and no UDF.
 */
public final class ServiceCatalog {
  public static final String OTHER = "Other";

  private final Map<String, String> categories;
  private final Map<String, String> subcategories;
  private final Map<String, String> names;

  ServiceCatalog(
      Map<String, String> categories,
      Map<String, String> subcategories,
      Map<String, String> names) {
    this.categories = Map.copyOf(categories);
    this.subcategories = Map.copyOf(subcategories);
    this.names = Map.copyOf(names);
  }

  /** AWS: focus_converters' category map, refined by costlake's subcategory file. */
  public static ServiceCatalog aws() {
    Map<String, String> categories = new LinkedHashMap<>();
    for (String[] row : csv("aws_category_mapping.csv")) {
      categories.put(row[0].trim(), row[1].trim());
    }
    Map<String, String> subcategories = new LinkedHashMap<>();
    for (String[] row : csv("aws_service_subcategories.csv")) {
      categories.put(row[0].trim(), row[1].trim());
      subcategories.put(row[0].trim(), row[2].trim());
    }
    Map<String, String> names = new LinkedHashMap<>();
    for (String[] row : csv("aws_service_names.csv")) {
      names.put(row[0].trim(), row[1].trim());
    }
    return new ServiceCatalog(categories, subcategories, names);
  }

  /** GCP: focus_converters' map from service.description to ServiceCategory. */
  public static ServiceCatalog gcp() {
    Map<String, String> categories = new LinkedHashMap<>();
    for (String[] row : csv("gcp_category_mapping.csv")) {
      categories.put(row[0].trim(), row[1].trim());
    }
    return new ServiceCatalog(categories, Map.of(), Map.of());
  }

  public String category(String serviceCode) {
    return categories.getOrDefault(serviceCode, OTHER);
  }

  public String subcategory(String serviceCode) {
    return subcategories.getOrDefault(serviceCode, otherOf(category(serviceCode)));
  }

  /** The FOCUS catch-all subcategory of a category, e.g. {@code Other (Compute)}. */
  public static String otherOf(String category) {
    return "Other (" + category + ")";
  }

  /**
   * One ServiceName per service code, whatever a row says: in a CUR the tax, credit and some fee
   * rows of a service leave {@code product/ProductName} empty, and a name taken row by row would
   * list the service twice ({@code Amazon Elastic Compute Cloud} and {@code AmazonEC2}). The
   * bundled name wins; for codes it does not know, the row's own name, else the code.
   */
  public Column nameOf(Column serviceCode, Column rowName) {
    return names.isEmpty()
        ? coalesce(rowName, serviceCode)
        : coalesce(
            element_at(io.costlake.spark.Literals.map(names), serviceCode), rowName, serviceCode);
  }

  /** ServiceCategory of the code in {@code serviceCode}; {@code Other} when unknown. */
  public Column categoryOf(Column serviceCode) {
    return coalesce(
        element_at(io.costlake.spark.Literals.map(categories), serviceCode), lit(OTHER));
  }

  /** ServiceSubcategory, consistent with {@link #categoryOf}. */
  public Column subcategoryOf(Column serviceCode) {
    return coalesce(
        element_at(io.costlake.spark.Literals.map(subcategories), serviceCode),
        concat(lit("Other ("), categoryOf(serviceCode), lit(")")));
  }

  public Set<String> categories() {
    return new TreeSet<>(categories.values());
  }

  /** A bundled lookup file's rows (header skipped), parsed as CSV: quoted cells may hold commas. */
  public static List<String[]> csv(String resource) {
    String path = "/io/costlake/focus/" + resource;
    try (InputStream in = ServiceCatalog.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing bundled lookup file " + path);
      }
      CsvParserSettings settings = new CsvParserSettings();
      settings.setHeaderExtractionEnabled(true);
      settings.setNullValue("");
      settings.setIgnoreLeadingWhitespaces(false);
      settings.setIgnoreTrailingWhitespaces(false);
      List<String[]> rows = new ArrayList<>();
      for (String[] row :
          new CsvParser(settings).parseAll(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        if (row.length > 0 && !(row.length == 1 && row[0].isBlank())) {
          rows.add(row);
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
