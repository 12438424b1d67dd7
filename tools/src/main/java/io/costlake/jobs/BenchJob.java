package io.costlake.jobs;

import io.costlake.config.CostlakeConfig;
import io.costlake.config.IngestConfig;
import io.costlake.errors.CostlakeErrors;
import io.costlake.jobs.bench.BenchExports;
import io.costlake.jobs.bench.BenchReport;
import io.costlake.jobs.bench.DataSkipping;
import io.costlake.jobs.bench.DuckDbCurNormalization;
import io.costlake.jobs.bench.HeapWatch;
import io.costlake.jobs.bench.Measurement;
import io.costlake.jobs.bench.RestatedMonth;
import io.costlake.jobs.bench.ScanFloor;
import io.costlake.jobs.bench.Sizes;
import io.costlake.jobs.bench.SliceQueryCost;
import io.costlake.jobs.bench.SqlWall;
import io.costlake.jobs.cli.JobSpec;
import io.costlake.jobs.cli.OptionSpec;
import io.costlake.jobs.cli.ParsedArgs;
import io.costlake.model.BillingPeriod;
import io.costlake.model.Table;
import io.costlake.provider.Provider;
import io.costlake.tasks.Ingestion;
import io.costlake.tasks.Ingestion.IngestSummary;
import io.costlake.tasks.JobContext;
import io.costlake.tasks.Outcome;
import io.costlake.tasks.PipelineSteps;
import io.costlake.tasks.Task;
import io.costlake.tasks.Validation;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * {@code costlake bench}: times every stage on generated exports of growing size, beside the
 * baselines it should be judged against (Spark's raw scan of the same files, DuckDB doing the same
 * normalization), then the cost of a restated month against the table's size and what a one-slice
 * query reads. Prints one table and writes the figures as JSON.
 */
public final class BenchJob implements Job {
  private static final List<String> DOWNSTREAM =
      List.of("validate", "amortize", "allocate", "chargeback", "reconcile", "anomalies", "report");
  private static final YearMonth HISTORY_START = YearMonth.of(2024, 1);
  private static final List<String> PARTS =
      List.of("floor", "duckdb", "pipeline", "history", "fixed", "sql");

  /** Line items of the warehouse a job's fixed cost is timed on. */
  private static final long FIXED_COST_ROWS = 1_000;

  /** OPTIMIZE's target file size in the data-skipping experiment: 1/16 of the slice. */
  private static final int FILES_PER_SLICE = 16;

  private static final JobSpec SPEC =
      new JobSpec(
          "bench",
          "Measure throughput, scaling and the cost of a restated month against baselines",
          "First times every job on a 1,000-line-item warehouse in a warm JVM (its fixed cost).\n"
              + "Then for each --sizes entry (line items over the three clouds, one billing period),\n"
              + "generates the exports once under --work (reused by later runs) and times, into empty\n"
              + "warehouses: Spark's raw scan of the files (the floor), DuckDB normalizing the same AWS\n"
              + "CUR (its output checked), ingest of each provider, and every job after ingest. Then\n"
              + "./costlake sql on the largest warehouse, JVM start included; a restated month of one\n"
              + "account re-ingested into an empty table and into tables holding half and all of\n"
              + "--history-months; what a query of one (period, account) reads, and of one service\n"
              + "in it after OPTIMIZE. Figures are medians or ratios taken in the same run; job output\n"
              + "goes to <work>/jobs.log. On 2 cores --sizes 250k,1M takes about 25 minutes.",
          List.of(
              OptionSpec.value("--sizes", "LIST", "Line items per run, like 500k,1M,2M")
                  .withDefault("1M,2M,4M,8M"),
              OptionSpec.value("--work", "DIR", "Where exports, warehouses and results go")
                  .withDefault("bench-data"),
              OptionSpec.value("--month-rows", "N", "Restated-month experiment: rows per month")
                  .withDefault("50000"),
              OptionSpec.value(
                      "--history-months", "M", "Restated-month experiment: months of history")
                  .withDefault("24"),
              OptionSpec.value("--repeat", "R", "Restated-month experiment: timings per median")
                  .withDefault("3"),
              OptionSpec.value(
                      "--skip",
                      "PART",
                      "Leave out floor, duckdb, pipeline (the jobs after ingest), history,"
                          + " fixed or sql; a list or repeated")
                  .repeatable(),
              OptionSpec.value("--json", "FILE", "Figures as JSON (default <work>/bench.json)")),
          null,
          null);

  @Override
  public JobSpec spec() {
    return SPEC;
  }

  @Override
  public Outcome run(JobContext context, ParsedArgs args) {
    List<Long> sizes;
    try {
      sizes = Sizes.parse(args.required("--sizes"));
    } catch (IllegalArgumentException e) {
      throw CostlakeErrors.invalidOptionValue(
          spec().name(),
          "--sizes",
          args.required("--sizes"),
          "row counts like 500k,1M,20000; " + e.getMessage());
    }
    // "--skip a,b" as "--sizes" takes its list, or "--skip a --skip b".
    List<String> skip = new ArrayList<>();
    for (String value : args.values("--skip")) {
      skip.addAll(Arrays.asList(value.split(",", -1)));
    }
    for (String part : skip) {
      if (!PARTS.contains(part)) {
        throw CostlakeErrors.invalidOptionValue(
            spec().name(), "--skip", part, "floor, duckdb, pipeline, history, fixed or sql");
      }
    }
    int historyMonths = args.positiveInt("--history-months");
    if (historyMonths < 2 || historyMonths % 2 != 0) {
      throw CostlakeErrors.invalidOptionValue(
          spec().name(),
          "--history-months",
          Integer.toString(historyMonths),
          "an even number >= 2");
    }
    Path work = Paths.get(args.required("--work")).toAbsolutePath().normalize();
    Path json = args.value("--json").map(Paths::get).orElse(work.resolve("bench.json"));

    int cores = context.spark().sparkContext().defaultParallelism();
    BenchReport report = new BenchReport(cores, HeapWatch.maxBytes(), DOWNSTREAM);
    try (PrintStream jobLog = jobLog(work)) {
      JobContext quiet = context.withOut(jobLog);
      if (!skip.contains("fixed")) {
        context
            .out()
            .printf(
                "bench: fixed cost of each job on %,d line items, warm JVM...%n", FIXED_COST_ROWS);
        fixedCost(quiet, report, work, !skip.contains("pipeline"));
        report.writeJson(json); // what was measured survives a later stage that fails
      }
      for (long size : sizes) {
        context.out().printf("bench: %s line items, into empty warehouses...%n", Sizes.label(size));
        measureSize(quiet, report, work, size, skip);
        report.writeJson(json);
      }
      if (!skip.contains("sql")) {
        sqlWall(context, report, work.resolve("warehouses").resolve(Sizes.label(largest(sizes))));
      }
      if (!skip.contains("history")) {
        context.out().println("bench: restated month...");
        report.restated(
            restatedMonth(
                quiet,
                report,
                work.resolve("history"),
                args.positiveInt("--month-rows"),
                historyMonths,
                args.positiveInt("--repeat")));
      }
    }
    report.print(context.out());
    report.writeJson(json);
    context.out().println("\nbench: figures in " + json);
    return null;
  }

  private static long largest(List<Long> sizes) {
    return sizes.stream().mapToLong(Long::longValue).max().orElseThrow();
  }

  /**
   * Every job on a tiny warehouse, twice: the first pass warms the JVM (classes, JIT, Delta's first
   * load), the second is timed. What is left is what a job costs whatever its data.
   */
  private static void fixedCost(
      JobContext context, BenchReport report, Path work, boolean withPipeline) {
    BenchExports exports = BenchExports.ensure(work.resolve("inputs"), FIXED_COST_ROWS);
    Path warehouse = work.resolve("warehouses").resolve("fixed");
    for (boolean timed : List.of(false, true)) {
      BenchExports.deleteRecursively(warehouse);
      ingestAndJobs(
          onWarehouse(context, warehouse),
          exports,
          FIXED_COST_ROWS,
          withPipeline,
          timed ? report::fixed : m -> {});
    }
  }

  /** {@code ./costlake sql} as an analyst runs it: a new JVM per statement. */
  private static void sqlWall(JobContext context, BenchReport report, Path warehouse) {
    Optional<Path> launcher = SqlWall.launcher();
    if (launcher.isEmpty()) {
      context.out().println("bench: sql wall time not measured (run the bench through ./costlake)");
      return;
    }
    context.out().println("bench: ./costlake sql...");
    report.sql(
        new Measurement(
            BenchReport.SQL_SELECT_ONE,
            0,
            1,
            SqlWall.seconds(launcher.get(), warehouse, "SELECT 1 AS one", "one\n1\n"),
            0));
    // The expected total is taken in this JVM, so a statement that printed anything else fails.
    JobContext here = onWarehouse(context, warehouse);
    Row expected =
        here.warehouse()
            .read(Table.COST_LINE_ITEMS)
            .agg(functions.count(functions.lit(1)), functions.sum("BilledCost"))
            .head();
    report.sql(
        new Measurement(
            BenchReport.SQL_SUM,
            0,
            expected.getLong(0),
            SqlWall.seconds(
                launcher.get(),
                warehouse,
                "SELECT SUM(BilledCost) AS billed FROM cost_line_items",
                "billed\n" + expected.getDecimal(1).toPlainString() + "\n"),
            0));
  }

  private static PrintStream jobLog(Path work) {
    try {
      Files.createDirectories(work);
      return new PrintStream(
          new FileOutputStream(work.resolve("jobs.log").toFile()), true, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void measureSize(
      JobContext context, BenchReport report, Path work, long size, List<String> skip) {
    BenchExports exports = BenchExports.ensure(work.resolve("inputs"), size);
    // Every size starts from empty tables: a warehouse that already held these files would find
    // each slice unchanged and skip the writes being timed.
    Path warehouse = work.resolve("warehouses").resolve(Sizes.label(size));
    BenchExports.deleteRecursively(warehouse);
    JobContext run = onWarehouse(context, warehouse);
    if (!skip.contains("floor")) {
      report.add(
          Measurement.time(
              BenchReport.FLOOR + "aws",
              size,
              () -> {
                ScanFloor.csv(run.spark(), uris(BenchExports.files(exports.aws(), ".csv.gz")));
                return 0;
              }));
      report.add(
          Measurement.time(
              BenchReport.FLOOR + "gcp",
              size,
              () -> {
                ScanFloor.jsonLines(
                    run.spark(), uris(BenchExports.files(exports.gcp(), ".jsonl.gz")));
                return 0;
              }));
      report.add(
          Measurement.time(
              BenchReport.FLOOR + "azure",
              size,
              () -> {
                ScanFloor.csv(run.spark(), uris(BenchExports.files(exports.azure(), ".csv")));
                return 0;
              }));
    }
    if (!skip.contains("duckdb")) {
      Path out = work.resolve("duckdb").resolve(Sizes.label(size));
      BenchExports.deleteRecursively(out);
      List<Path> cur = BenchExports.files(exports.aws(), ".csv.gz");
      report.add(
          Measurement.time(
              BenchReport.DUCKDB,
              size,
              () ->
                  DuckDbCurNormalization.run(
                      cur,
                      out,
                      run.spark().sparkContext().defaultParallelism(),
                      HeapWatch.maxBytes())));
      // Untimed: the baseline's output read back, so a baseline doing other work fails the bench.
      DuckDbCurNormalization.verify(cur, out);
    }
    ingestAndJobs(run, exports, size, !skip.contains("pipeline"), report::add);
  }

  /** Ingests each provider's exports, then runs every job after ingest, timing each. */
  private static void ingestAndJobs(
      JobContext run,
      BenchExports exports,
      long size,
      boolean withPipeline,
      Consumer<Measurement> timed) {
    timed.accept(ingest(run, Provider.AWS, exports.aws(), size));
    timed.accept(ingest(run, Provider.GCP, exports.gcp(), size));
    timed.accept(ingest(run, Provider.AZURE, exports.azure(), size));
    if (!withPipeline) {
      return;
    }
    long items = run.warehouse().read(Table.COST_LINE_ITEMS).count();
    timed.accept(
        Measurement.time(
            "validate",
            size,
            () -> {
              run.report(new Validation(Optional.empty(), Optional.empty(), false).execute(run));
              return items;
            }));
    for (Task<?> step : PipelineSteps.afterValidation(run.config(), Optional.empty())) {
      timed.accept(
          Measurement.time(
              step.name(),
              size,
              () -> {
                run.report(step.execute(run));
                return items;
              }));
    }
  }

  private static Measurement ingest(JobContext context, Provider provider, Path source, long size) {
    return Measurement.time(
        BenchReport.INGEST + provider.id(),
        size,
        () -> ingestOnce(context, provider, source).rowsRead());
  }

  private static IngestSummary ingestOnce(JobContext context, Provider provider, Path source) {
    IngestSummary summary =
        new Ingestion(
                provider.adapter(context.config()),
                List.of(JobContext.uri(source.toString())),
                Optional.empty())
            .execute(context);
    context.report(summary);
    summary.failIfIncomplete();
    return summary;
  }

  /**
   * Ingests half the history, then all of it, into one table, timing a restated month of one
   * account against the same month into an empty table before each half.
   */
  private static RestatedMonth restatedMonth(
      JobContext context, BenchReport report, Path root, long monthRows, int months, int repeats) {
    int half = months / 2;
    YearMonth restatedPeriod = HISTORY_START.plusMonths(half - 1L);
    Path first = root.resolve("exports/first-half");
    Path second = root.resolve("exports/second-half");
    Path restated = root.resolve("exports/restated");
    String payer = BenchExports.awsHistory(first, monthRows, HISTORY_START, half, 1);
    BenchExports.awsHistory(second, monthRows, HISTORY_START.plusMonths(half), half, 1);
    BenchExports.awsHistory(restated, monthRows, restatedPeriod, 1, 2);

    // Every restated ingest must rewrite its slice, even when its files were seen before.
    CostlakeConfig config = context.config();
    IngestConfig rewrite = config.ingest().withSkipUnchangedSlices(false);
    JobContext rewriting = context.withConfig(config.withIngest(rewrite));
    Path historyWarehouse = root.resolve("warehouse");
    BenchExports.deleteRecursively(historyWarehouse);
    JobContext history = onWarehouse(rewriting, historyWarehouse);

    RestatedMonth experiment = new RestatedMonth(monthRows, months);
    ingestOnce(history, Provider.AWS, first);
    for (int i = 0; i < repeats; i++) {
      experiment.addHalf(
          intoEmpty(rewriting, root.resolve("empty"), restated), timed(history, restated));
    }
    ingestOnce(history, Provider.AWS, second);
    for (int i = 0; i < repeats; i++) {
      experiment.addFull(
          intoEmpty(rewriting, root.resolve("empty"), restated), timed(history, restated));
    }
    experiment.query(
        SliceQueryCost.measure(
            history.spark(),
            history.warehouse().path(Table.COST_LINE_ITEMS),
            restatedPeriod.toString(),
            payer));
    report.skipping(
        DataSkipping.measure(
            history.spark(),
            history.warehouse(),
            BillingPeriod.of(restatedPeriod),
            payer,
            FILES_PER_SLICE));
    return experiment;
  }

  private static double intoEmpty(JobContext context, Path warehouse, Path restated) {
    BenchExports.deleteRecursively(warehouse);
    return timed(onWarehouse(context, warehouse), restated);
  }

  private static double timed(JobContext context, Path source) {
    long started = System.nanoTime();
    ingestOnce(context, Provider.AWS, source);
    return (System.nanoTime() - started) / 1e9;
  }

  private static JobContext onWarehouse(JobContext context, Path warehouse) {
    return context.withConfig(context.config().withWarehouse(warehouse.toString()));
  }

  private static List<String> uris(List<Path> files) {
    return files.stream().map(p -> p.toUri().toString()).collect(Collectors.toList());
  }
}
