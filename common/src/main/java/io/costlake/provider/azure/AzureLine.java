package io.costlake.provider.azure;

import static io.costlake.provider.azure.AzureMapping.chargeType;
import static io.costlake.provider.azure.AzureMapping.commitmentModel;
import static io.costlake.provider.azure.AzureMapping.commitmentPurchase;
import static io.costlake.provider.azure.AzureMapping.p;
import static io.costlake.provider.azure.AzureMapping.t;
import static io.costlake.provider.azure.AzureMapping.unusedCommitment;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.when;

import io.costlake.ingest.Parse;
import io.costlake.model.ColumnType;
import org.apache.spark.sql.Column;

/**
 * What one Azure cost row is, as the columns every FOCUS part of {@link AzureMapping} reads: its
 * charge type and category, what it bills, the benefit (reservation or savings plan) it names, its
 * quantity in pricing units, and its resource's type.
 */
final class AzureLine {
  final Column type = chargeType();
  final Column cost = p("cost");

  /** Usage a reservation or savings plan paid for. */
  final Column covered = type.equalTo("Usage").and(commitmentModel());

  final Column unused = unusedCommitment();
  final Column purchase = commitmentPurchase();

  /**
   * An amortized export's cost for reservation-covered usage and unused reservation is
   * amortization: the purchase row bills it. What such a row bills, and so brings in, is 0.
   */
  final Column notBilled = covered.or(unused);

  final Column billed = when(notBilled, lit(0)).otherwise(cost);
  final Column effective = when(purchase, lit(0)).otherwise(cost);
  final Column chargeCategory =
      when(type.isin("Usage", "UnusedReservation", "UnusedSavingsPlan"), lit("Usage"))
          .when(type.isin("Purchase", "Refund"), lit("Purchase"))
          .when(type.equalTo("Tax"), lit("Tax"))
          .when(type.equalTo("Credit"), lit("Credit"))
          .otherwise(lit("Adjustment"));
  final Column notTax = chargeCategory.notEqual("Tax");
  final Column currency = t(AzureField.BILLING_CURRENCY);
  final Column tags = Parse.jsonTags(t(AzureField.TAGS));
  final Column benefit = t(AzureField.BENEFIT_ID);
  final Column savingsPlan =
      lower(coalesce(benefit, lit(""))).contains("/microsoft.billingbenefits/");
  final Column unit = t(AzureField.UNIT_OF_MEASURE);

  /** The quantity in the unit's pricing block ({@code 100 Hours} counts hundreds). */
  final Column pricingQuantity;

  final Column resourceId = t(AzureField.RESOURCE_ID);

  /** The resource provider's type ({@code microsoft.compute/virtualmachines}). */
  final Column resourceType =
      coalesce(
          lower(t(AzureField.RESOURCE_TYPE)),
          nullIfEmpty(
              regexp_extract(
                  lower(resourceId), "/providers/([^/]+/[^/]+)/[^/]+/([^/]+)/[^/]+$", 1)),
          nullIfEmpty(regexp_extract(lower(resourceId), "/providers/([^/]+/[^/]+)", 1)));

  /** The type with a nested resource's kind ({@code .../virtualmachines/extensions}). */
  final Column fullType;

  AzureLine(AzureLookups lookups) {
    Column block = coalesce(lookups.blockSize(unit).cast(ColumnType.QUANTITY.sparkType()), lit(1));
    pricingQuantity = p("quantity").divide(block);
    Column nestedType =
        nullIfEmpty(
            regexp_extract(lower(resourceId), "/providers/[^/]+/[^/]+/[^/]+/([^/]+)/[^/]+$", 1));
    fullType =
        when(nestedType.isNotNull(), concat(resourceType, lit("/"), nestedType))
            .otherwise(resourceType);
  }

  static Column nullIfEmpty(Column text) {
    return when(text.equalTo(lit("")), lit(null)).otherwise(text);
  }
}
