package io.costlake.provider.gcp;

import static io.costlake.provider.gcp.GcpMapping.INVOICE_TIME_ZONE;
import static io.costlake.provider.gcp.GcpMapping.creditSum;
import static io.costlake.provider.gcp.GcpMapping.credits;
import static io.costlake.provider.gcp.GcpMapping.cudTypes;
import static io.costlake.provider.gcp.GcpMapping.f;
import static io.costlake.provider.gcp.GcpMapping.isPromotional;
import static io.costlake.provider.gcp.GcpMapping.perUnit;
import static io.costlake.provider.gcp.GcpMapping.timestamp;
import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.to_utc_timestamp;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.costlake.ingest.Parse;
import io.costlake.model.ColumnType;
import io.costlake.spark.Decimals;
import org.apache.spark.sql.Column;

/**
 * What one GCP billing record is, as the columns every FOCUS part of {@link GcpMapping} reads: its
 * cost with and without credits, its invoice month, its charge category, its quantities, and the
 * committed use discount it buys or is covered by.
 */
final class GcpLine {
  final Column costType = lower(coalesce(f("cost_type"), lit("regular")));
  final Column sku = f("sku.description");
  final Column cost = Parse.decimal(f("cost"), ColumnType.MONEY);

  /** Cost after discount-type credits (CUD, sustained use, ...): what the row bills. */
  final Column billed = Decimals.plus(cost, creditSum(c -> isPromotional(c).equalTo(lit(false))));

  /** Cost after every credit, promotional ones too: what the record brings in. */
  final Column net = Decimals.plus(billed, creditSum(GcpMapping::isPromotional));

  final Column listCost = coalesce(Parse.decimal(f("cost_at_list"), ColumnType.MONEY), cost);
  final Column start = timestamp(f("usage_start_time"));
  final Column end = timestamp(f("usage_end_time"));
  final Column month = to_timestamp(f("invoice.month"), "yyyyMM");

  /** The invoice month as a Pacific-time month start. */
  final Column localPeriod =
      coalesce(month, date_trunc("month", from_utc_timestamp(start, INVOICE_TIME_ZONE)));

  final Column periodStart = to_utc_timestamp(localPeriod, INVOICE_TIME_ZONE);
  final Column periodEnd =
      to_utc_timestamp(add_months(localPeriod, 1).cast("timestamp"), INVOICE_TIME_ZONE);

  /** A CUD's own fee: a regular-cost row of a {@code Commitment ...} SKU. */
  final Column commitmentFee =
      costType.equalTo("regular").and(lower(coalesce(sku, lit(""))).startsWith("commitment"));

  /** The first committed-use credit of the row, if any. */
  final Column cud =
      element_at(
          filter(credits(), c -> upper(coalesce(c.getField("type"), lit(""))).isin(cudTypes())), 1);

  final Column covered = cud.isNotNull().and(commitmentFee.equalTo(lit(false)));
  final Column chargeCategory =
      when(commitmentFee, lit("Purchase"))
          .when(costType.equalTo("regular"), lit("Usage"))
          .when(costType.equalTo("tax"), lit("Tax"))
          .when(costType.equalTo("credit"), lit("Credit"))
          .otherwise(lit("Adjustment"));
  final Column usage = chargeCategory.equalTo("Usage");
  final Column priced = chargeCategory.isin("Tax", "Credit").equalTo(lit(false));
  final Column amount = Parse.decimal(f("usage.amount"), ColumnType.QUANTITY);
  final Column pricingAmount =
      Parse.decimal(f("usage.amount_in_pricing_units"), ColumnType.QUANTITY);

  /** The export's effective price, else derived from the cost it priced. */
  final Column unitPrice =
      coalesce(
          Parse.decimal(f("price.effective_price"), ColumnType.UNIT_PRICE),
          perUnit(cost, pricingAmount));

  final Column listUnitPrice = perUnit(listCost, pricingAmount);
  final Column currency = f("currency");
  final Column project = f("project.id");
  final Column resourceId = f("resource.global_name");

  /** The CUD a fee buys (its resource, else one made of project and SKU) or usage names. */
  final Column commitmentId =
      when(
              commitmentFee,
              coalesce(
                  resourceId,
                  concat(
                      lit("gcp-cud:"),
                      coalesce(project, f("billing_account_id")),
                      lit(":"),
                      coalesce(f("sku.id"), lit("")))))
          .when(
              covered, coalesce(Parse.text(cud.getField("id")), Parse.text(cud.getField("name"))));
}
