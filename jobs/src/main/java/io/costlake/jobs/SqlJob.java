package io.costlake.jobs;

import io.costlake.errors.CostlakeErrors;
import io.costlake.jobs.cli.JobSpec;
import io.costlake.jobs.cli.OptionSpec;
import io.costlake.jobs.cli.ParsedArgs;
import io.costlake.model.Table;
import io.costlake.spark.WarehouseCatalog;
import io.costlake.tasks.JobContext;
import io.costlake.tasks.Outcome;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code costlake sql}: SQL statements (one on the command line, or a file or stdin of several)
 * against the costlake tables, registered by name in the session catalog (so {@code VERSION AS OF
 * n} and {@code DESCRIBE HISTORY} work too), printed or written to a file.
 */
public final class SqlJob implements Job {
  private static final Set<String> FORMATS = Set.of("table", "csv", "json");
  private static final JobSpec SPEC =
      new JobSpec(
          "sql",
          "Run SQL statements against the costlake tables and print the results",
          "Tables are registered by name: "
              + List.of(Table.values()).stream()
                  .map(Table::tableName)
                  .collect(Collectors.joining(", "))
              + ".\nExample: costlake sql \"SELECT x_BillingPeriod, SUM(BilledCost) FROM cost_line_items GROUP BY ALL\"\n"
              + "Time travel: SELECT COUNT(*) FROM cost_line_items VERSION AS OF 0\n"
              + "Several statements: costlake sql -f queries.sql (or -f - to read stdin), each"
              + " result in turn.\nThe warehouse: --warehouse, else COSTLAKE_WAREHOUSE, else the"
              + " config's 'warehouse'.",
          List.of(
              OptionSpec.value("--format", "table|csv|json", "Output format").withDefault("table"),
              OptionSpec.value(
                      "--file",
                      "FILE",
                      "Run the statements of FILE (a local path or URI; - reads stdin), separated"
                          + " by ;")
                  .withAlias("-f"),
              OptionSpec.value(
                  "--output", "FILE", "Write the results to FILE (a local path) instead of stdout"),
              OptionSpec.flag(
                  "--write",
                  "Allow a statement that changes tables (DELETE, UPDATE, INSERT, DROP, ...): by"
                      + " default sql only reads")),
          "SQL",
          "The statement to run (quote it); or -f FILE");

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
    List<String> statements = statements(context, args);
    SparkSession spark = context.spark();
    if (!args.has("--write")) {
      // Every statement is checked before the first runs: a script stops before it changes.
      statements.forEach(sql -> refuseWrites(spark, sql));
    }
    Optional<String> output = args.value("--output");
    PrintStream out = output.map(SqlJob::open).orElse(context.out());
    try {
      for (String sql : statements) {
        // Only the tables the statement names: registering one reads its Delta log.
        context
            .warehouse()
            .catalog()
            .withTables(
                WarehouseCatalog.namedIn(sql), () -> print(spark, sql, format, out, context));
      }
    } finally {
      if (output.isPresent()) {
        out.close(); // the file's; stdout stays open
      }
    }
    output.ifPresent(
        file ->
            context
                .out()
                .printf(
                    "sql: %d statement(s), results in %s%n",
                    statements.size(), Paths.get(file).toAbsolutePath()));
    return null;
  }

  /** The statement on the command line, or those of -f FILE (- for stdin). */
  private static List<String> statements(JobContext context, ParsedArgs args) {
    Optional<String> file = args.value("--file");
    if (file.isPresent() && !args.positionals().isEmpty()) {
      throw CostlakeErrors.invalidArgument(
          "arguments for sql", "give either a statement or -f FILE, not both");
    }
    List<String> statements;
    if (file.isPresent()) {
      String script =
          file.get().equals("-") ? readStdin() : String.join("\n", context.readLines(file.get()));
      statements = SqlScript.statements(script);
      if (statements.isEmpty()) {
        throw CostlakeErrors.invalidArgument(
            "SQL file " + file.get(), "it holds no statement (statements end with ;)");
      }
    } else if (args.positionals().isEmpty() || args.positionals().get(0).isBlank()) {
      throw CostlakeErrors.missingRequiredOption("sql", "SQL (the statement to run) or -f FILE");
    } else {
      statements = List.of(args.positionals().get(0));
    }
    return statements;
  }

  private static String readStdin() {
    try {
      return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw CostlakeErrors.cannotRead("stdin", String.valueOf(e.getMessage()));
    }
  }

  private static PrintStream open(String file) {
    try {
      Path path = Paths.get(file).toAbsolutePath();
      if (path.getParent() != null) {
        Files.createDirectories(path.getParent());
      }
      return new PrintStream(Files.newOutputStream(path), true, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw CostlakeErrors.invalidArgument(
          "--output " + file, "cannot be written (" + e.getMessage() + ")");
    }
  }

  private static void print(
      SparkSession spark, String sql, String format, PrintStream out, JobContext context) {
    Dataset<Row> result;
    try {
      result = spark.sql(sql);
    } catch (Exception e) { // Spark's AnalysisException is a checked exception thrown from Scala
      throw CostlakeErrors.sqlFailed(whereItLooked(e, context));
    }
    try {
      ResultPrinter.print(result, format, out);
    } catch (Exception e) {
      throw CostlakeErrors.sqlFailed(firstLine(e.getMessage()));
    }
  }

  /**
   * Spark's first line, and for a table it cannot find, the warehouse asked and what it holds: from
   * the wrong folder, the default warehouse is an empty folder there.
   */
  private static String whereItLooked(Exception e, JobContext context) {
    String first = firstLine(e.getMessage());
    if (!first.contains("TABLE_OR_VIEW_NOT_FOUND")) {
      return first;
    }
    List<String> present =
        List.of(Table.values()).stream()
            .filter(t -> context.warehouse().exists(t))
            .map(Table::tableName)
            .collect(Collectors.toList());
    return first
        + "; looked in the warehouse "
        + context.warehouse().root()
        + (present.isEmpty()
            ? ", which holds no costlake table"
            : ", which holds " + String.join(", ", present))
        + " (give --warehouse, or set COSTLAKE_WAREHOUSE)";
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
