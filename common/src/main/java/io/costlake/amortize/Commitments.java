package io.costlake.amortize;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.when;

import io.costlake.model.ColumnType;
import io.costlake.model.FocusColumn;
import io.costlake.spark.Decimals;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/** How commitment rows are recognized in FOCUS data, and how fees find the usage they cover. */
final class Commitments {
  private Commitments() {}

  static Column hasCommitment() {
    return FocusColumn.CommitmentDiscountId.col().isNotNull();
  }

  /** A purchase that pays for future use up front (FOCUS: Purchase, One-Time, EffectiveCost 0). */
  static Column prepaid() {
    return FocusColumn.ChargeCategory.col()
        .equalTo("Purchase")
        .and(hasCommitment())
        .and(FocusColumn.ChargeFrequency.col().equalTo("One-Time"))
        .and(FocusColumn.BilledCost.col().notEqual(0));
  }

  /** A commitment fee billed as time goes by (hourly, daily or monthly). */
  static Column recurringFee() {
    return FocusColumn.ChargeCategory.col()
        .equalTo("Purchase")
        .and(hasCommitment())
        .and(FocusColumn.ChargeFrequency.col().equalTo("Recurring"));
  }

  static Column usage() {
    return FocusColumn.ChargeCategory.col().equalTo("Usage");
  }

  /** Usage a commitment covered. */
  static Column covered() {
    return usage().and(FocusColumn.CommitmentDiscountStatus.col().equalTo("Used"));
  }

  static Column unused() {
    return usage().and(FocusColumn.CommitmentDiscountStatus.col().equalTo("Unused"));
  }

  /**
   * The key joining a commitment's fees to the usage it covers. Usually the commitment id; GCP's
   * export names neither the commitment on covered usage (the CUD credit names only its kind) nor
   * the credit on the fee, so a GCP commitment covers usage of the same billing account, project,
   * region and category (resource or spend based), which is how Google applies CUDs without
   * sharing.
   */
  static Column pool() {
    Column gcp = FocusColumn.x_Provider.col().equalTo("gcp");
    return when(
            gcp.and(hasCommitment()),
            concat_ws(
                "|",
                lit("gcp"),
                FocusColumn.BillingAccountId.col(),
                coalesce(FocusColumn.SubAccountId.col(), lit("")),
                coalesce(FocusColumn.RegionId.col(), lit("")),
                coalesce(FocusColumn.CommitmentDiscountCategory.col(), lit(""))))
        .when(
            hasCommitment(),
            concat_ws("|", FocusColumn.x_Provider.col(), FocusColumn.CommitmentDiscountId.col()));
  }

  /**
   * What a covered row weighs when a commitment's cost is spread: the commitment credits on GCP
   * (the row's cost before credits minus after them), the on-demand value (ListCost) elsewhere.
   */
  static Column weight() {
    Column gcpCredits = Decimals.minus(FocusColumn.x_GrossCost.col(), FocusColumn.BilledCost.col());
    Column value =
        when(FocusColumn.x_Provider.col().equalTo("gcp"), gcpCredits)
            .otherwise(coalesce(FocusColumn.ListCost.col(), FocusColumn.ContractedCost.col()));
    return when(value.gt(0), value).otherwise(lit(0));
  }

  /**
   * What a GCP commitment fee commits to in its pricing unit (its CommitmentDiscountQuantity); null
   * elsewhere, where the export amortizes or ListCost weighs the spread.
   */
  static Column committedQuantity() {
    return when(
            FocusColumn.x_Provider.col().equalTo("gcp"),
            FocusColumn.CommitmentDiscountQuantity.col())
        .cast(ColumnType.MONEY.sparkType());
  }

  /**
   * The part of a GCP usage row's quantity its commitment credits covered: the quantity times the
   * share of its cost the credits took (a CUD credit is the on-demand cost of what it covers).
   */
  static Column coveredQuantity() {
    Column gross = FocusColumn.x_GrossCost.col();
    Column share =
        greatest(
                lit(0),
                least(
                    lit(1),
                    Decimals.minus(gross, FocusColumn.BilledCost.col())
                        .cast(Decimals.ARITHMETIC)
                        .divide(gross.cast(Decimals.ARITHMETIC))))
            .cast(DataTypes.createDecimalType(15, 14));
    return when(
            FocusColumn.x_Provider.col().equalTo("gcp").and(gross.gt(0)),
            round(
                FocusColumn.CommitmentDiscountQuantity.col()
                    .cast(DataTypes.createDecimalType(24, 10))
                    .multiply(share),
                10))
        .cast(ColumnType.MONEY.sparkType());
  }

  /** Identifies a line item: derived rows share their source row, so the origin is part of it. */
  static Column lineKey() {
    return concat_ws(
        "|",
        FocusColumn.x_SourceFile.col(),
        FocusColumn.x_SourceRow.col().cast("string"),
        FocusColumn.x_RowOrigin.col());
  }
}
