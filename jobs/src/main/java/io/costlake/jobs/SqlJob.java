package io.costlake.jobs;

import io.costlake.errors.CostlakeErrors;
import io.costlake.jobs.cli.JobSpec;
import io.costlake.jobs.cli.OptionSpec;
import io.costlake.jobs.cli.ParsedArgs;
import io.costlake.model.Table;
import io.costlake.spark.WarehouseCatalog;
import io.costlake.tasks.JobContext;
import io.costlake.tasks.Outcome;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code costlake sql}: one SQL statement against the costlake tables, registered by name in the
 * session catalog (so {@code VERSION AS OF n} and {@code DESCRIBE HISTORY} work too).
 */
public final class SqlJob implements Job {
  private static final Set<String> FORMATS = Set.of("table", "csv", "json");
  private static final JobSpec SPEC =
      new JobSpec(
          "sql",
          "Run one SQL statement against the costlake tables and print the result",
          "Tables are registered by name: "
              + List.of(Table.values()).stream()
                  .map(Table::tableName)
                  .collect(Collectors.joining(", "))
              + ".\nExample: costlake sql \"SELECT x_BillingPeriod, SUM(BilledCost) FROM cost_line_items GROUP BY ALL\"\n"
              + "Time travel: SELECT COUNT(*) FROM cost_line_items VERSION AS OF 0",
          List.of(
              OptionSpec.value("--format", "table|csv|json", "Output format").withDefault("table"),
              OptionSpec.flag(
                  "--write",
                  "Allow a statement that changes tables (DELETE, UPDATE, INSERT, DROP, ...): by"
                      + " default sql only reads")),
          "SQL",
          "The statement to run (quote it)");

  @Override
  public JobSpec spec() {
    return SPEC;
  }

  @Override
  public Outcome run(JobContext context, ParsedArgs args) {
    String format = args.value("--format").orElse("table");
    if (!FORMATS.contains(format)) {
      throw CostlakeErrors.invalidOptionValue("sql", "--format", format, "table, csv or json");
    }
    if (args.positionals().isEmpty() || args.positionals().get(0).isBlank()) {
      throw CostlakeErrors.missingRequiredOption("sql", "SQL (the statement to run)");
    }
    SparkSession spark = context.spark();
    String sql = args.positionals().get(0);
    if (!args.has("--write")) {
      refuseWrites(spark, sql);
    }
    // Only the tables the statement names: registering one reads its Delta log.
    context
        .warehouse()
        .catalog()
        .withTables(WarehouseCatalog.namedIn(sql), () -> print(spark, sql, format, context));
    return null;
  }

  private static void print(SparkSession spark, String sql, String format, JobContext context) {
    Dataset<Row> result;
    try {
      result = spark.sql(sql);
    } catch (Exception e) { // Spark's AnalysisException is a checked exception thrown from Scala
      throw CostlakeErrors.sqlFailed(firstLine(e.getMessage()));
    }
    try {
      ResultPrinter.print(result, format, context.out());
    } catch (Exception e) {
      throw CostlakeErrors.sqlFailed(firstLine(e.getMessage()));
    }
  }

  /**
   * costlake's tables are written by its jobs, whose audit (ingest_slices, pipeline_runs) must
   * agree with them: a hand-made change needs the explicit {@code --write}.
   */
  private static void refuseWrites(SparkSession spark, String sql) {
    String write;
    try {
      write = SqlStatements.firstWrite(spark.sessionState().sqlParser().parsePlan(sql));
    } catch (Exception e) { // ParseException is checked, thrown from Scala
      throw CostlakeErrors.sqlFailed(firstLine(e.getMessage()));
    }
    if (write != null) {
      throw CostlakeErrors.invalidArgument(
          "statement for sql",
          "it changes tables ("
              + write
              + "); sql only reads unless --write is given (costlake's own tables are"
              + " written by its jobs, whose audit then no longer agrees)");
    }
  }

  private static String firstLine(String message) {
    return message == null ? "unknown error" : message.split("\\R", 2)[0];
  }
}
