package io.costlake.provider.azure;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.trim;

import io.costlake.focus.ServiceCatalog;
import io.costlake.spark.Literals;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * The FinOps toolkit's Azure open data as literal lookups: regions, pricing units (block sizes),
 * services by consumed service and resource type, resource type display names.
 */
final class AzureLookups {
  private final Map<String, String> regionIds = new LinkedHashMap<>();
  private final Map<String, String> regionNames = new LinkedHashMap<>();
  private final Map<String, String> blockSizes = new LinkedHashMap<>();
  private final Map<String, String> distinctUnits = new LinkedHashMap<>();
  private final Map<String, String> serviceNames = new LinkedHashMap<>();
  private final Map<String, String> serviceCategories = new LinkedHashMap<>();
  private final Map<String, String> serviceSubcategories = new LinkedHashMap<>();
  private final Map<String, String> categoriesByConsumedService = new LinkedHashMap<>();
  private final Map<String, String> resourceTypes = new LinkedHashMap<>();

  private AzureLookups() {}

  static AzureLookups load() {
    AzureLookups lookups = new AzureLookups();
    for (String[] row : ServiceCatalog.csv("azure_Regions.csv")) {
      String key = normalizedLocation(row[0]);
      lookups.regionIds.putIfAbsent(key, row[1]);
      lookups.regionNames.putIfAbsent(key, row[2]);
    }
    for (String[] row : ServiceCatalog.csv("azure_PricingUnits.csv")) {
      lookups.blockSizes.putIfAbsent(row[0], row[2]);
      lookups.distinctUnits.putIfAbsent(row[0], row[3]);
    }
    for (String[] row : ServiceCatalog.csv("azure_Services.csv")) {
      String key = row[0].toLowerCase(Locale.ROOT) + "|" + row[1].toLowerCase(Locale.ROOT);
      lookups.serviceNames.putIfAbsent(key, row[2]);
      lookups.serviceCategories.putIfAbsent(key, row[3]);
      lookups.serviceSubcategories.putIfAbsent(key, row[4]);
      lookups.categoriesByConsumedService.putIfAbsent(row[0].toLowerCase(Locale.ROOT), row[3]);
    }
    for (String[] row : ServiceCatalog.csv("azure_category_mapping.csv")) {
      lookups.categoriesByConsumedService.putIfAbsent(row[0].toLowerCase(Locale.ROOT), row[1]);
    }
    for (String[] row : ServiceCatalog.csv("azure_ResourceTypes.csv")) {
      lookups.resourceTypes.putIfAbsent(row[0].toLowerCase(Locale.ROOT), row[1]);
    }
    return lookups;
  }

  /** {@code US East 2}, {@code useast2} and {@code US East 2 } alike. */
  static String normalizedLocation(String location) {
    return location.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
  }

  private static Column location(Column location) {
    return trim(regexp_replace(lower(location), "\\s+", " "));
  }

  Column regionId(Column location) {
    return element_at(Literals.map(regionIds), location(location));
  }

  Column regionName(Column location) {
    return element_at(Literals.map(regionNames), location(location));
  }

  /** How many units one UnitOfMeasure holds: {@code 100 Hours} is 100. */
  Column blockSize(Column unitOfMeasure) {
    return coalesce(
        element_at(Literals.map(blockSizes), unitOfMeasure),
        element_at(Literals.map(blockSizes), trim(unitOfMeasure)));
  }

  Column distinctUnit(Column unitOfMeasure) {
    return coalesce(
        element_at(Literals.map(distinctUnits), unitOfMeasure),
        element_at(Literals.map(distinctUnits), trim(unitOfMeasure)));
  }

  Column serviceName(Column serviceKey) {
    return element_at(Literals.map(serviceNames), serviceKey);
  }

  Column serviceCategory(Column serviceKey, Column consumedService) {
    return coalesce(
        element_at(Literals.map(serviceCategories), serviceKey),
        element_at(Literals.map(categoriesByConsumedService), lower(consumedService)));
  }

  Column serviceSubcategory(Column serviceKey) {
    return element_at(Literals.map(serviceSubcategories), serviceKey);
  }

  Column resourceTypeName(Column resourceType) {
    return element_at(Literals.map(resourceTypes), lower(resourceType));
  }
}
