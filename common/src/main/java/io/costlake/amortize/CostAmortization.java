package io.costlake.amortize;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.when;

import io.costlake.model.AmortizedColumn;
import io.costlake.model.ColumnType;
import io.costlake.model.CostLineItems;
import io.costlake.model.FocusColumn;
import io.costlake.model.RowOrigin;
import io.costlake.model.Schemas;
import io.costlake.spark.Decimals;
import io.costlake.spark.Reused;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code cost_amortized} from {@code cost_line_items}: every line item with its EffectiveCost, and
 * the commitment cost the export did not amortize spread where it belongs.
 *
 * <p>A commitment is amortized by its provider in a billing period when any of its Usage rows there
 * carries EffectiveCost (AWS reservation and Savings Plan columns, Azure's amortized export, FOCUS
 * files): those rows pass through unchanged. Otherwise costlake computes it:
 *
 * <ol>
 *   <li>what the commitment costs per charge period (daily by default): pre-paid purchases straight
 *       line over their term, recurring fees over their own charge period;
 *   <li>that amount is spread onto the usage the commitment covered in the same charge period, in
 *       proportion to its weight ({@link Commitments#weight}), the heaviest row absorbing the
 *       rounding residual; the fee's own EffectiveCost becomes 0 (it moved onto the usage);
 *   <li>an amount no usage took becomes a Usage / Unused row with ResourceId the commitment.
 * </ol>
 *
 * BilledCost is never changed. Per billing period, EffectiveCost grows exactly by the pre-paid
 * amounts recognized and is otherwise conserved.
 */
public final class CostAmortization {
  public static final String METHOD_PROVIDER = "Provider";
  public static final String METHOD_SPREAD = "Spread";
  public static final String METHOD_UNUSED = "Unused";
  public static final String METHOD_MOVED = "Moved";

  private static final int SCALE = 10;
  private static final String POOL = "_pool";
  private static final String LINE = "_line";
  private static final String AMOUNT = "_amount";
  private static final String QUANTITY = "_quantity";
  private static final String UNIT = "_unit";
  private static final String COVERED_QUANTITY = "_covered_quantity";
  private static final String COVERED_UNIT = "_covered_unit";
  private static final String SPREAD = "_spread";
  private static final String SHARE = "_share";
  private static final String WEIGHT = "_weight";
  private static final String SLOT = "_slot";
  private static final String COMMITMENT = "_commitment";
  private static final String REP = "_rep";
  private static final String FROM = "_from";
  private static final String TO = "_to";

  private final StraightLine.Grid grid;

  public CostAmortization(StraightLine.Grid grid) {
    this.grid = grid;
  }

  /**
   * @param items the cost_line_items rows of the billing periods to amortize
   * @param prepaidSource cost_line_items rows that may hold pre-paid purchases whose term reaches
   *     into those periods: the whole table, or its {@link #prepaidPurchases} kept (a straight-line
   *     split reads them twice)
   * @param reused keeps the commitment frames several parts of the result read; close it once the
   *     result is written
   */
  public Dataset<Row> amortize(Dataset<Row> items, Dataset<Row> prepaidSource, Reused reused) {
    // A pre-paid purchase is recognized in the periods its own provider and account have data.
    Dataset<Row> periods =
        items
            .select(
                FocusColumn.x_Provider.col(),
                FocusColumn.BillingAccountId.col(),
                FocusColumn.x_BillingPeriod.col())
            .distinct();
    Dataset<Row> costs = commitmentCosts(items, prepaidSource, periods, reused);
    // Read by the spread, the moved fees and the unused rows: kept, so their scans of the line
    // items are planned and run once.
    Dataset<Row> computed =
        reused.keep(costs.join(providerAmortized(items), joinKeys(), "left_anti"));

    Dataset<Row> lines = items.withColumn(LINE, Commitments.lineKey());
    Dataset<Row> targets =
        lines
            .filter(Commitments.covered().and(Commitments.pool().isNotNull()))
            .select(
                FocusColumn.x_BillingPeriod.col(),
                Commitments.pool().as(POOL),
                grid.truncate(FocusColumn.ChargePeriodStart.col()).as(SLOT),
                col(LINE),
                FocusColumn.x_RecordHash.col(),
                Commitments.weight().as(WEIGHT),
                Commitments.coveredQuantity().as(COVERED_QUANTITY),
                FocusColumn.CommitmentDiscountUnit.col().as(COVERED_UNIT));
    Dataset<Row> shares = reused.keep(shares(computed, targets));
    Dataset<Row> perLine =
        shares
            .groupBy(col(LINE))
            .agg(
                sum(col(SHARE)).as(SHARE),
                first(col(COMMITMENT)).as(COMMITMENT),
                countDistinct(col(COMMITMENT)).as("_commitments"));

    // Renamed keys: these frames descend from the same rows, and Spark cannot tell columns of
    // one lineage apart in a join.
    Dataset<Row> moved =
        computed
            .select(
                FocusColumn.x_Provider.col().as("_moved_provider"), col(COMMITMENT).as("_moved"))
            .distinct();
    Column isMoved =
        col("_moved").isNotNull().and(Commitments.recurringFee()).and(effective().notEqual(0));
    Column share = col(SHARE);
    Dataset<Row> amortized =
        lines
            .join(
                perLine.withColumnRenamed(LINE, "_share_line"),
                col(LINE).equalTo(col("_share_line")),
                "left")
            .join(
                moved,
                FocusColumn.x_Provider
                    .col()
                    .equalTo(col("_moved_provider"))
                    .and(FocusColumn.CommitmentDiscountId.col().equalTo(col("_moved"))),
                "left")
            .withColumns(amortizedColumns(share, isMoved));
    Dataset<Row> unusedRows = unusedRows(computed, shares);
    return Schemas.conform(amortized, CostLineItems.amortizedColumns())
        .unionByName(Schemas.conform(unusedRows, CostLineItems.amortizedColumns()));
  }

  /** The pre-paid commitment purchases (and refunds) among {@code items}: few rows, read twice. */
  public static Dataset<Row> prepaidPurchases(Dataset<Row> items) {
    return items.filter(Commitments.prepaid());
  }

  /** What amortization changes on a line item; every expression reads the row as ingested. */
  private static Map<String, Column> amortizedColumns(Column share, Column isMoved) {
    Map<String, Column> changes = new LinkedHashMap<>();
    changes.put(AmortizedColumn.x_SourceEffectiveCost.name(), effective());
    changes.put(
        AmortizedColumn.x_AmortizationMethod.name(),
        when(share.isNotNull(), lit(METHOD_SPREAD))
            .when(isMoved, lit(METHOD_MOVED))
            .otherwise(lit(METHOD_PROVIDER)));
    changes.put(AmortizedColumn.x_AmortizedShare.name(), share);
    changes.put(
        FocusColumn.EffectiveCost.name(),
        when(share.isNotNull(), Decimals.plus(effective(), share))
            .when(isMoved, lit(0))
            .otherwise(effective()));
    changes.put(
        FocusColumn.x_GrossEffectiveCost.name(),
        when(share.isNotNull(), Decimals.plus(FocusColumn.x_GrossEffectiveCost.col(), share))
            .when(isMoved, lit(0))
            .otherwise(FocusColumn.x_GrossEffectiveCost.col()));
    changes.put(
        FocusColumn.CommitmentDiscountId.name(),
        when(col("_commitments").equalTo(1), col(COMMITMENT))
            .otherwise(FocusColumn.CommitmentDiscountId.col()));
    return changes;
  }

  private static Column effective() {
    return FocusColumn.EffectiveCost.col();
  }

  private static String[] joinKeys() {
    return new String[] {
      FocusColumn.x_BillingPeriod.name(), FocusColumn.x_Provider.name(), COMMITMENT
    };
  }

  /**
   * What each commitment costs per (billing period, charge period slot), with a representative
   * purchase row to describe it: pre-paid purchases from any period recognized in the periods
   * amortized, and the recurring fees of those periods.
   */
  private Dataset<Row> commitmentCosts(
      Dataset<Row> items, Dataset<Row> prepaidSource, Dataset<Row> periods, Reused reused) {
    Dataset<Row> prepaid =
        StraightLine.split(
                PrepaidTerms.of(prepaidSource)
                    .withColumns(
                        Map.of(
                            AMOUNT,
                            FocusColumn.BilledCost.col(),
                            QUANTITY,
                            Commitments.committedQuantity())),
                col(PrepaidTerms.TERM_START),
                col(PrepaidTerms.TERM_END),
                grid,
                SCALE,
                Commitments.lineKey(),
                AMOUNT,
                QUANTITY)
            .withColumn(
                FocusColumn.x_BillingPeriod.name(),
                date_format(col(StraightLine.INTERVAL_START), "yyyy-MM"))
            .join(
                periods,
                new String[] {
                  FocusColumn.x_Provider.name(),
                  FocusColumn.BillingAccountId.name(),
                  FocusColumn.x_BillingPeriod.name()
                })
            .drop(PrepaidTerms.TERM_START, PrepaidTerms.TERM_END);
    Dataset<Row> recurring =
        StraightLine.split(
            reused
                .keep(items.filter(Commitments.recurringFee()))
                .withColumns(
                    Map.of(
                        AMOUNT,
                        FocusColumn.BilledCost.col(),
                        QUANTITY,
                        Commitments.committedQuantity())),
            FocusColumn.ChargePeriodStart.col(),
            FocusColumn.ChargePeriodEnd.col(),
            grid,
            SCALE,
            Commitments.lineKey(),
            AMOUNT,
            QUANTITY);
    Dataset<Row> pieces =
        prepaid
            .unionByName(recurring)
            .withColumn(COMMITMENT, FocusColumn.CommitmentDiscountId.col())
            .withColumn(POOL, Commitments.pool())
            .withColumn(SLOT, grid.truncate(col(StraightLine.INTERVAL_START)));
    String[] describing =
        Arrays.stream(FocusColumn.values()).map(FocusColumn::name).toArray(String[]::new);
    Column[] repFields = Arrays.stream(describing).map(c -> col(c)).toArray(Column[]::new);
    return pieces
        .groupBy(
            FocusColumn.x_BillingPeriod.col(),
            FocusColumn.x_Provider.col(),
            col(COMMITMENT),
            col(POOL),
            col(SLOT))
        .agg(
            sum(col(AMOUNT)).as(AMOUNT),
            sum(col(QUANTITY)).as(QUANTITY),
            min(FocusColumn.CommitmentDiscountUnit.col()).as(UNIT),
            min(col(StraightLine.INTERVAL_START)).as(FROM),
            max(col(StraightLine.INTERVAL_END)).as(TO),
            min_by(struct(repFields), FocusColumn.x_RecordHash.col()).as(REP));
  }

  /** Commitments whose Usage rows carry EffectiveCost in a billing period: the export did it. */
  private static Dataset<Row> providerAmortized(Dataset<Row> items) {
    return items
        .filter(Commitments.usage().and(Commitments.hasCommitment()).and(effective().notEqual(0)))
        .select(
            FocusColumn.x_BillingPeriod.col(),
            FocusColumn.x_Provider.col(),
            FocusColumn.CommitmentDiscountId.col().as(COMMITMENT))
        .distinct();
  }

  /** One row per (commitment slot, covered line): the line's share of the slot's amount. */
  private static Dataset<Row> shares(Dataset<Row> computed, Dataset<Row> targets) {
    Dataset<Row> joined =
        computed
            .select(
                FocusColumn.x_BillingPeriod.col(),
                col(COMMITMENT),
                col(POOL),
                col(SLOT),
                col(AMOUNT),
                col(QUANTITY),
                col(UNIT))
            .join(targets, new String[] {FocusColumn.x_BillingPeriod.name(), POOL, SLOT});
    WindowSpec slot =
        Window.partitionBy(col(COMMITMENT), col(FocusColumn.x_BillingPeriod.name()), col(SLOT));
    Column totalWeight = sum(col(WEIGHT)).over(slot);
    Column lines = count(lit(1)).over(slot);
    Column ratio =
        when(totalWeight.gt(0), col(WEIGHT).cast(WIDE).divide(totalWeight.cast(WIDE)))
            .otherwise(lit(1).cast(WIDE).divide(lines.cast(WIDE)))
            .cast(DataTypes.createDecimalType(15, 14));
    // The part of the slot's cost that usage took: where the commitment states a quantity and its
    // covered usage one in the same unit, their ratio; else all of it.
    Column covered =
        sum(when(col(COVERED_UNIT).equalTo(col(UNIT)), col(COVERED_QUANTITY))).over(slot);
    Column usedFraction =
        when(
                col(QUANTITY).gt(0).and(covered.isNotNull()),
                least(lit(1), covered.cast(WIDE).divide(col(QUANTITY).cast(WIDE))))
            .otherwise(lit(1))
            .cast(DataTypes.createDecimalType(15, 14));
    Column spread =
        org.apache
            .spark
            .sql
            .functions
            .round(col(AMOUNT).cast(WIDE).multiply(usedFraction), SCALE)
            .cast(ColumnType.MONEY.sparkType());
    Column piece =
        org.apache.spark.sql.functions.round(col(SPREAD).cast(WIDE).multiply(ratio), SCALE);
    Column heaviest =
        row_number()
            .over(slot.orderBy(col(WEIGHT).desc(), col(FocusColumn.x_RecordHash.name()), col(LINE)))
            .equalTo(1);
    return joined
        .withColumn(SPREAD, spread)
        .withColumn(SHARE, piece.cast(ColumnType.MONEY.sparkType()))
        .withColumn(
            SHARE,
            when(
                    heaviest,
                    Decimals.minus(
                        col(SPREAD), Decimals.minus(sum(col(SHARE)).over(slot), col(SHARE))))
                .otherwise(col(SHARE))
                .cast(ColumnType.MONEY.sparkType()));
  }

  private static final org.apache.spark.sql.types.DecimalType WIDE =
      DataTypes.createDecimalType(24, 10);

  /** Commitment slots no covered usage took: a Usage / Unused row each. */
  private static Dataset<Row> unusedRows(Dataset<Row> computed, Dataset<Row> shares) {
    Dataset<Row> taken =
        shares
            .select(FocusColumn.x_BillingPeriod.col(), col(COMMITMENT), col(SLOT), col(SPREAD))
            .distinct();
    Dataset<Row> idle =
        computed
            .join(
                taken, new String[] {FocusColumn.x_BillingPeriod.name(), COMMITMENT, SLOT}, "left")
            .withColumn(AMOUNT, Decimals.minus(col(AMOUNT), coalesce(col(SPREAD), lit(0))))
            .filter(col(AMOUNT).notEqual(0));
    Column amount = col(AMOUNT);
    Column periodStart = to_timestamp(concat_ws("-", FocusColumn.x_BillingPeriod.col(), lit("01")));
    Column otherPeriod =
        date_format(FocusColumn.BillingPeriodStart.col(), "yyyy-MM")
            .notEqual(FocusColumn.x_BillingPeriod.col());
    Dataset<Row> rows = idle.select(col(REP + ".*"), amount, col(FROM), col(TO));
    Map<String, Column> changes = new LinkedHashMap<>();
    changes.put(
        FocusColumn.BillingPeriodEnd.name(),
        when(otherPeriod, add_months(periodStart, 1).cast("timestamp"))
            .otherwise(FocusColumn.BillingPeriodEnd.col()));
    changes.put(
        FocusColumn.BillingPeriodStart.name(),
        when(otherPeriod, periodStart).otherwise(FocusColumn.BillingPeriodStart.col()));
    changes.put(FocusColumn.ChargeCategory.name(), lit("Usage"));
    changes.put(FocusColumn.ChargeClass.name(), lit(null));
    changes.put(FocusColumn.ChargeFrequency.name(), lit("Usage-Based"));
    changes.put(
        FocusColumn.ChargeDescription.name(),
        concat_ws(
            " ",
            lit("Unused commitment:"),
            coalesce(
                FocusColumn.CommitmentDiscountName.col(), FocusColumn.CommitmentDiscountId.col())));
    changes.put(FocusColumn.ChargePeriodStart.name(), col(FROM));
    changes.put(FocusColumn.ChargePeriodEnd.name(), col(TO));
    changes.put(FocusColumn.BilledCost.name(), lit(0));
    changes.put(FocusColumn.EffectiveCost.name(), amount);
    changes.put(FocusColumn.ListCost.name(), lit(0));
    changes.put(FocusColumn.ContractedCost.name(), lit(0));
    changes.put(FocusColumn.PricingCategory.name(), lit("Committed"));
    changes.put(FocusColumn.CommitmentDiscountStatus.name(), lit("Unused"));
    changes.put(FocusColumn.ResourceId.name(), FocusColumn.CommitmentDiscountId.col());
    changes.put(FocusColumn.ResourceName.name(), FocusColumn.CommitmentDiscountName.col());
    changes.put(FocusColumn.x_RowOrigin.name(), RowOrigin.UNUSED_COMMITMENT.lit());
    changes.put(
        FocusColumn.x_RecordHash.name(),
        sha2(
            concat_ws("|", FocusColumn.x_RecordHash.col(), lit("unused"), col(FROM).cast("string")),
            256));
    changes.put(FocusColumn.x_GrossCost.name(), lit(0));
    changes.put(FocusColumn.x_GrossEffectiveCost.name(), amount);
    changes.put(AmortizedColumn.x_AmortizationMethod.name(), lit(METHOD_UNUSED));
    changes.put(AmortizedColumn.x_AmortizedShare.name(), amount);
    changes.put(AmortizedColumn.x_SourceEffectiveCost.name(), lit(null));
    return rows.withColumns(changes)
        .drop(FROM, TO, AMOUNT, QUANTITY, UNIT, SPREAD)
        // Columns that describe a purchase or a consumption, not a commitment left idle.
        .drop(Arrays.stream(IDLE_NULLS).map(FocusColumn::name).toArray(String[]::new));
  }

  private static final FocusColumn[] IDLE_NULLS = {
    FocusColumn.ConsumedQuantity,
    FocusColumn.ConsumedUnit,
    FocusColumn.PricingQuantity,
    FocusColumn.PricingUnit,
    FocusColumn.ListUnitPrice,
    FocusColumn.ContractedUnitPrice,
    FocusColumn.CommitmentDiscountQuantity,
    FocusColumn.CommitmentDiscountUnit,
    FocusColumn.InvoiceId,
    FocusColumn.PricingCurrencyEffectiveCost,
    FocusColumn.PricingCurrencyListUnitPrice,
    FocusColumn.PricingCurrencyContractedUnitPrice,
    FocusColumn.SkuPriceId,
    FocusColumn.SkuPriceDetails
  };
}
