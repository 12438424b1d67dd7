package io.costlake.tags;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.costlake.model.Schemas;
import io.costlake.model.TagComplianceColumn;
import io.costlake.model.TagDebtColumn;
import io.costlake.spark.Decimals;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Tag coverage of owned lines ({@link OwnerChain}), before shared costs move: {@code
 * tag_compliance} per (period, provider, account, sub account, owner, currency) and {@code
 * tag_debt}, the untagged resources ranked by cost. A line is tagged when it names a resource and
 * carries a valid value for every required key; lines without a resource (tax, credits, fees)
 * cannot carry tags and are counted apart. One aggregation each, then a rank over the small
 * aggregate.
 */
public final class TagCompliance {
  private TagCompliance() {}

  private static Column resourceLine() {
    return col("ResourceId").isNotNull().and(col("ResourceId").notEqual(lit("")));
  }

  private static Column complete() {
    return size(col(TagNormalizer.MISSING_TAGS)).equalTo(lit(0));
  }

  public static Dataset<Row> compliance(Dataset<Row> owned) {
    Column cost = Decimals.narrow(col("EffectiveCost"));
    Column zero = lit(0).cast(Decimals.ARITHMETIC);
    Dataset<Row> totals =
        owned
            .groupBy(
                col("x_BillingPeriod"),
                col("x_Provider"),
                col("BillingAccountId"),
                col("SubAccountId"),
                col(OwnerChain.SOURCE_OWNER).as("owner"),
                col("BillingCurrency"))
            .agg(
                sum(cost).as("total_cost"),
                sum(when(resourceLine().and(complete()), cost).otherwise(zero)).as("tagged_cost"),
                sum(when(resourceLine().and(not(complete())), cost).otherwise(zero))
                    .as("untagged_cost"),
                sum(when(not(resourceLine()), cost).otherwise(zero)).as("untaggable_cost"));
    Column taggable =
        Decimals.narrow(col("tagged_cost")).plus(Decimals.narrow(col("untagged_cost")));
    Column untagged = col("untagged_cost");
    Dataset<Row> rows =
        totals
            .withColumn(
                "tagged_pct",
                when(
                    taggable.notEqual(lit(0)),
                    Decimals.narrow(col("tagged_cost")).multiply(lit(100)).divide(taggable)))
            .withColumn(
                "untagged_rank",
                when(
                    untagged.gt(lit(0)),
                    rank()
                        .over(
                            Window.partitionBy(col("x_BillingPeriod"), col("BillingCurrency"))
                                .orderBy(untagged.desc()))));
    return Schemas.conform(rows, TagComplianceColumn.values());
  }

  public static Dataset<Row> debt(Dataset<Row> owned) {
    Dataset<Row> untagged =
        owned
            .filter(resourceLine().and(not(complete())))
            .groupBy(
                col("x_BillingPeriod"),
                col("x_Provider"),
                col("BillingAccountId"),
                col("SubAccountId"),
                col("ServiceName"),
                col("ResourceId"),
                col(OwnerChain.SOURCE_OWNER).as("owner"),
                col(TagNormalizer.MISSING_TAGS),
                col("BillingCurrency"))
            .agg(
                sum(Decimals.narrow(col("EffectiveCost"))).as("untagged_cost"),
                count(lit(1)).as("line_count"));
    Dataset<Row> ranked =
        untagged.withColumn(
            "debt_rank",
            rank()
                .over(
                    Window.partitionBy(col("x_BillingPeriod"), col("BillingCurrency"))
                        .orderBy(col("untagged_cost").desc())));
    return Schemas.conform(ranked, TagDebtColumn.values());
  }
}
