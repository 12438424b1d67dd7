package io.costlake.tasks;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import io.costlake.config.AllocationRuleConfig;
import io.costlake.config.CostlakeConfig;
import io.costlake.config.DriverConfig;
import io.costlake.config.OwnerChainConfig;
import io.costlake.config.PeriodRange;
import io.costlake.config.TagPolicyConfig;
import io.costlake.errors.CostlakeErrors;
import io.costlake.tags.AccountOwners;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The files the allocate job reads besides the cost table: the account-to-owner mapping and the
 * driver tables of metric rules. Each is checked where it is read, so a bad line is reported with
 * its file and line instead of surfacing as a wrong share.
 */
public final class AllocationInputs {
  private AllocationInputs() {}

  public static Map<String, String> accountOwners(JobContext context) {
    TagPolicyConfig policy = context.config().tags();
    OwnerChainConfig owner = policy.owner();
    if (!owner.chain().contains(OwnerChainConfig.Source.ACCOUNT)) {
      return Map.of();
    }
    String file = owner.accountsFile();
    List<String> lines = context.readLines(file);
    return AccountOwners.parse(
        lines, file, owner.tag() == null ? null : policy.keys().get(owner.tag()));
  }

  /** Each metric rule's driver as (x_BillingPeriod, target, value DECIMAL), by rule label. */
  public static Map<String, Dataset<Row>> drivers(JobContext context) {
    CostlakeConfig config = context.config();
    Map<String, Dataset<Row>> drivers = new HashMap<>();
    for (AllocationRuleConfig rule : config.allocate().rules()) {
      if (rule.method() == AllocationRuleConfig.Method.METRIC) {
        drivers.put(rule.label(), driver(context, rule.driver()));
      }
    }
    return drivers;
  }

  private static Dataset<Row> driver(JobContext context, DriverConfig driver) {
    Dataset<Row> raw;
    try {
      if (driver.file() != null) {
        raw =
            context
                .spark()
                .read()
                .option("header", "true")
                .option("mode", "FAILFAST")
                .csv(JobContext.uri(driver.file()));
      } else {
        raw = context.readDeltaTable(driver.table());
      }
    } catch (Exception e) { // Spark's AnalysisException (path not found) is a checked exception
      throw CostlakeErrors.cannotRead(
          driver.describe(), String.valueOf(e.getMessage()).split("\n")[0]);
    }
    List<String> columns = Arrays.asList(raw.columns());
    List<String> missing = new ArrayList<>();
    for (String needed :
        List.of(driver.periodColumn(), driver.targetColumn(), driver.valueColumn())) {
      if (!columns.contains(needed)) {
        missing.add(needed);
      }
    }
    if (!missing.isEmpty()) {
      throw CostlakeErrors.invalidInputFile(
          driver.describe(), 1, "lacks the column(s) " + missing + " (it has " + columns + ")");
    }
    Dataset<Row> typed =
        raw.select(
            col(driver.periodColumn()).cast("string").as("x_BillingPeriod"),
            col(driver.targetColumn()).cast("string").as("target"),
            col(driver.valueColumn()).cast("string").as("raw_value"),
            col(driver.valueColumn())
                .cast("string")
                .cast(DataTypes.createDecimalType(38, 18))
                .as("value"));
    List<Row> bad =
        typed
            .filter(
                col("value")
                    .isNull()
                    .or(col("value").lt(0))
                    .or(col("target").isNull())
                    .or(
                        not(
                            coalesce(
                                col("x_BillingPeriod").rlike("^" + PeriodRange.PERIOD + "$"),
                                lit(false)))))
            .limit(1)
            .collectAsList();
    if (!bad.isEmpty()) {
      Row row = bad.get(0);
      throw CostlakeErrors.invalidInputFile(
          driver.describe(),
          0,
          String.format(
              "has a bad row (%s=%s, %s=%s, %s=%s): periods are yyyy-MM, targets are named,"
                  + " values are numbers of 0 or more",
              driver.periodColumn(),
              row.get(0),
              driver.targetColumn(),
              row.get(1),
              driver.valueColumn(),
              row.get(2)));
    }
    return typed.drop("raw_value");
  }
}
