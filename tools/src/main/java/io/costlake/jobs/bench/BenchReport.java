package io.costlake.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a bench run measured: one line per stage and size, the ratios the targets are about, and the
 * same as JSON. Stages are named {@code floor <provider>}, {@code ingest <provider>}, {@code duckdb
 * aws}, or a downstream job's name.
 */
public final class BenchReport {
  public static final String FLOOR = "floor ";
  public static final String INGEST = "ingest ";
  public static final String DUCKDB = "duckdb aws";
  public static final String SQL_SELECT_ONE = "sql SELECT 1";
  public static final String SQL_SUM = "sql SUM(BilledCost)";
  private static final double GIB = 1024.0 * 1024 * 1024;

  private final int cores;
  private final long maxHeapBytes;
  private final List<String> downstream;
  private final List<Measurement> measurements = new ArrayList<>();
  private final List<Measurement> fixed = new ArrayList<>();
  private final List<Measurement> sql = new ArrayList<>();
  private RestatedMonth restated;
  private DataSkipping skipping;

  /** {@code downstream}: the job stages after ingest, which make up the whole pipeline with it. */
  public BenchReport(int cores, long maxHeapBytes, List<String> downstream) {
    this.cores = cores;
    this.maxHeapBytes = maxHeapBytes;
    this.downstream = List.copyOf(downstream);
  }

  public void add(Measurement measurement) {
    measurements.add(measurement);
  }

  public void restated(RestatedMonth experiment) {
    this.restated = experiment;
  }

  /** A stage timed on the small warehouse, in a warm JVM: the job's cost whatever the data. */
  public void fixed(Measurement measurement) {
    fixed.add(measurement);
  }

  /** One {@code ./costlake sql} statement's wall time, JVM start included. */
  public void sql(Measurement measurement) {
    sql.add(measurement);
  }

  public void skipping(DataSkipping measured) {
    this.skipping = measured;
  }

  public List<Measurement> measurements() {
    return List.copyOf(measurements);
  }

  private TreeSet<Long> sizes() {
    TreeSet<Long> sizes = new TreeSet<>();
    measurements.forEach(m -> sizes.add(m.size()));
    return sizes;
  }

  private double seconds(long size, java.util.function.Predicate<String> stage) {
    return measurements.stream()
        .filter(m -> m.size() == size && stage.test(m.stage()))
        .mapToDouble(Measurement::seconds)
        .sum();
  }

  private boolean has(long size, java.util.function.Predicate<String> stage) {
    return measurements.stream().anyMatch(m -> m.size() == size && stage.test(m.stage()));
  }

  /** Rows read by the ingest stages: the size's input. */
  public long inputRows(long size) {
    return measurements.stream()
        .filter(m -> m.size() == size && m.stage().startsWith(INGEST))
        .mapToLong(Measurement::rows)
        .sum();
  }

  public double ingestSeconds(long size) {
    return seconds(size, s -> s.startsWith(INGEST));
  }

  public double floorSeconds(long size) {
    return seconds(size, s -> s.startsWith(FLOOR));
  }

  public double wholePipelineSeconds(long size) {
    return ingestSeconds(size) + seconds(size, downstream::contains);
  }

  private boolean hasPipeline(long size) {
    return has(size, downstream::contains);
  }

  /** Spark's AWS ingest over DuckDB's normalization of the same files. */
  public OptionalDouble sparkOverDuckDb(long size) {
    double duck = seconds(size, DUCKDB::equals);
    double spark = seconds(size, (INGEST + "aws")::equals);
    return duck > 0 && spark > 0 ? OptionalDouble.of(spark / duck) : OptionalDouble.empty();
  }

  public OptionalDouble ingestOverFloor(long size, String provider) {
    double floor = seconds(size, (FLOOR + provider)::equals);
    double ingest = seconds(size, (INGEST + provider)::equals);
    return floor > 0 && ingest > 0 ? OptionalDouble.of(ingest / floor) : OptionalDouble.empty();
  }

  public OptionalDouble scalingExponent(java.util.function.LongToDoubleFunction secondsAt) {
    Map<Long, Double> points = new TreeMap<>();
    for (long size : sizes()) {
      double s = secondsAt.applyAsDouble(size);
      if (s > 0) {
        points.put(inputRows(size), s);
      }
    }
    return ScalingFit.exponent(points);
  }

  private long peakHeap(long size) {
    return measurements.stream()
        .filter(m -> m.size() == size)
        .mapToLong(Measurement::peakHeapBytes)
        .max()
        .orElse(0);
  }

  /**
   * The slowest job after ingest on the small warehouse: every job pays at least this per period,
   * per Airflow task and per test. Null when not measured.
   */
  public Double slowestFixedCost() {
    return fixed.stream()
        .filter(m -> downstream.contains(m.stage()))
        .map(Measurement::seconds)
        .max(Double::compare)
        .orElse(null);
  }

  private Double sqlSeconds(String stage) {
    return sql.stream()
        .filter(m -> m.stage().equals(stage))
        .map(Measurement::seconds)
        .findFirst()
        .orElse(null);
  }

  /**
   * Rows per second per core of the rows the largest size adds to the one before it: what one more
   * row costs, free of the fixed costs the average carries. Empty with fewer than two sizes.
   */
  public OptionalDouble marginalIngestRate() {
    if (sizes().size() < 2) {
      return OptionalDouble.empty();
    }
    long largest = sizes().last();
    long before = sizes().lower(largest);
    double extraSeconds = ingestSeconds(largest) - ingestSeconds(before);
    long extraRows = inputRows(largest) - inputRows(before);
    return OptionalDouble.of(
        extraSeconds <= 0 ? Double.POSITIVE_INFINITY : extraRows / extraSeconds / cores);
  }

  /** The marginal ingest rate over the average rate at the largest size: 1.0 is linear. */
  public OptionalDouble marginalOverAverage() {
    OptionalDouble marginal = marginalIngestRate();
    if (marginal.isEmpty()) {
      return marginal;
    }
    long largest = sizes().last();
    double average = inputRows(largest) / ingestSeconds(largest) / cores;
    return OptionalDouble.of(marginal.getAsDouble() / average);
  }

  /** Each target with its figure at the largest size; a null figure was not measured. */
  public List<Target> targets() {
    List<Target> targets = new ArrayList<>();
    long largest = sizes().isEmpty() ? 0 : sizes().last();
    boolean pipeline = largest > 0 && hasPipeline(largest);
    double floor = floorSeconds(largest);
    targets.add(
        Target.atMost(
            "ingest / raw-scan floor", 1.5, floor > 0 ? ingestSeconds(largest) / floor : null));
    targets.add(
        Target.atMost(
            "whole pipeline / raw-scan floor",
            3,
            floor > 0 && pipeline ? wholePipelineSeconds(largest) / floor : null));
    targets.add(
        Target.atMost("Spark local ingest aws / DuckDB", 3, boxed(sparkOverDuckDb(largest))));
    targets.add(
        Target.atLeast(
            "whole pipeline rows/s/core",
            10_000,
            pipeline ? inputRows(largest) / wholePipelineSeconds(largest) / cores : null));
    targets.add(
        Target.between("marginal / average ingest rate", 0.8, 1.2, boxed(marginalOverAverage())));
    targets.add(Target.atMost("fixed cost, slowest job after ingest (s)", 5, slowestFixedCost()));
    targets.add(Target.atMost("sql SELECT 1, wall (s)", 6, sqlSeconds(SQL_SELECT_ONE)));
    targets.add(Target.atMost("sql SUM of cost_line_items, wall (s)", 10, sqlSeconds(SQL_SUM)));
    targets.add(
        Target.atMost(
            "restated month, " + half() + " months / empty",
            1.2,
            restated == null ? null : restated.halfRatio()));
    targets.add(
        Target.atMost(
            "restated month, " + full() + " months / empty",
            1.2,
            restated == null ? null : restated.fullRatio()));
    targets.add(
        Target.atMost(
            "one-service query files / slice files",
            0.25,
            skipping == null ? null : skipping.meanFraction()));
    targets.add(
        Target.atMost(
            "heap the whole pipeline ran in (GiB)", 2, pipeline ? maxHeapBytes / GIB : null));
    return targets;
  }

  private String half() {
    return restated == null ? "12" : Integer.toString(restated.historyMonths() / 2);
  }

  private String full() {
    return restated == null ? "24" : Integer.toString(restated.historyMonths());
  }

  private static Double boxed(OptionalDouble value) {
    return value.isPresent() ? value.getAsDouble() : null;
  }

  public void print(PrintStream out) {
    out.printf(
        Locale.ROOT,
        "%ncostlake bench: %d cores, driver heap %.1f GiB (local mode: executors share it)%n%n",
        cores,
        maxHeapBytes / GIB);
    out.printf(
        Locale.ROOT,
        "%-8s %-14s %12s %10s %14s %10s %9s%n",
        "size",
        "stage",
        "rows",
        "seconds",
        "rows/s/core",
        "live heap",
        "ratio");
    for (Measurement m : measurements) {
      out.printf(
          Locale.ROOT,
          "%-8s %-14s %,12d %10.1f %,14.0f %8.0f M %9s%n",
          Sizes.label(m.size()),
          m.stage(),
          m.rows(),
          m.seconds(),
          m.rowsPerSecondPerCore(cores),
          m.peakHeapBytes() / 1048576.0,
          ratioLabel(m));
    }
    out.println();
    for (long size : sizes()) {
      out.printf(
          Locale.ROOT,
          "%-8s input %,d rows: ingest %.1f s (%,.0f rows/s/core), floor %.1f s%s%n",
          Sizes.label(size),
          inputRows(size),
          ingestSeconds(size),
          inputRows(size) / Math.max(1e-9, ingestSeconds(size)) / cores,
          floorSeconds(size),
          hasPipeline(size)
              ? String.format(
                  Locale.ROOT,
                  ", whole pipeline %.1f s (%,.0f rows/s/core)",
                  wholePipelineSeconds(size),
                  inputRows(size) / wholePipelineSeconds(size) / cores)
              : "");
    }
    scalingExponent(this::wholePipelineSeconds)
        .ifPresent(
            e -> out.printf(Locale.ROOT, "scaling exponent of the whole pipeline: %.3f%n", e));
    marginalIngestRate()
        .ifPresent(
            rate ->
                out.printf(
                    Locale.ROOT,
                    "marginal ingest rate %s to %s: %,.0f rows/s/core%n",
                    Sizes.label(sizes().lower(sizes().last())),
                    Sizes.label(sizes().last()),
                    rate));
    if (!sizes().isEmpty() && hasPipeline(sizes().last())) {
      out.printf(
          Locale.ROOT,
          "peak live heap of the whole pipeline at %s: %.2f GiB of %.1f GiB%n",
          Sizes.label(sizes().last()),
          peakHeap(sizes().last()) / GIB,
          maxHeapBytes / GIB);
    }
    printExperiments(out);
    printTargets(out);
  }

  /** The figures beside the stage table: fixed costs, sql, restated month, data skipping. */
  private void printExperiments(PrintStream out) {
    if (!fixed.isEmpty()) {
      out.printf(
          Locale.ROOT,
          "fixed cost (%,d-row warehouse, warm JVM): %s%n",
          fixed.get(0).size(),
          fixed.stream()
              .map(m -> String.format(Locale.ROOT, "%s %.1f s", m.stage(), m.seconds()))
              .collect(java.util.stream.Collectors.joining(", ")));
    }
    for (Measurement m : sql) {
      out.printf(
          Locale.ROOT,
          "./costlake sql, %s over %,d rows: %.1f s wall, JVM start included%n",
          m.stage().substring("sql ".length()),
          m.rows(),
          m.seconds());
    }
    if (restated != null) {
      out.printf(
          Locale.ROOT,
          "restated month (%,d rows of one account, median of %d): empty %.1f s / %.1f s,"
              + " with %s months %.1f s, with %s months %.1f s%n",
          restated.monthRows(),
          restated.repeats(),
          restated.medianEmptyHalf(),
          restated.medianEmptyFull(),
          half(),
          restated.medianHalf(),
          full(),
          restated.medianFull());
      SliceQueryCost q = restated.query();
      if (q != null) {
        out.printf(
            Locale.ROOT,
            "one-slice query on %s months: %d of %d files, %,d of %,d bytes%n",
            full(),
            q.filesRead(),
            q.tableFiles(),
            q.bytesRead(),
            q.tableBytes());
      }
    }
    if (skipping != null) {
      out.printf(
          Locale.ROOT,
          "one-service query of that slice after OPTIMIZE (%d files): %s%n",
          skipping.sliceFiles(),
          java.util.stream.IntStream.range(0, skipping.services().size())
              .mapToObj(i -> skipping.services().get(i) + " " + skipping.filesRead().get(i))
              .collect(java.util.stream.Collectors.joining(", ")));
    }
  }

  private void printTargets(PrintStream out) {
    out.println();
    out.printf(Locale.ROOT, "%-42s %-9s %10s  %s%n", "target", "goal", "measured", "");
    for (Target t : targets()) {
      out.printf(
          Locale.ROOT,
          "%-42s %-9s %10s  %s%n",
          t.name,
          t.goal,
          t.value == null ? "-" : figure(t.value),
          t.value == null ? "not measured" : t.met() ? "met" : "MISSED");
    }
  }

  private static String figure(double value) {
    return Math.abs(value) >= 1000
        ? String.format(Locale.ROOT, "%,.0f", value)
        : String.format(Locale.ROOT, "%.3f", value);
  }

  private String ratioLabel(Measurement m) {
    OptionalDouble ratio = OptionalDouble.empty();
    if (m.stage().startsWith(INGEST)) {
      ratio = ingestOverFloor(m.size(), m.stage().substring(INGEST.length()));
    } else if (m.stage().equals(DUCKDB)) {
      ratio = sparkOverDuckDb(m.size());
    }
    return ratio.isPresent() ? String.format(Locale.ROOT, "%.2fx", ratio.getAsDouble()) : "";
  }

  private static List<Map<String, Object>> stageRows(List<Measurement> measured) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Measurement m : measured) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("stage", m.stage());
      row.put("rows", m.rows());
      row.put("seconds", m.seconds());
      rows.add(row);
    }
    return rows;
  }

  public void writeJson(Path file) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("cores", cores);
    root.put("maxHeapBytes", maxHeapBytes);
    List<Map<String, Object>> stages = new ArrayList<>();
    for (Measurement m : measurements) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("size", m.size());
      row.put("stage", m.stage());
      row.put("rows", m.rows());
      row.put("seconds", m.seconds());
      row.put("rowsPerSecondPerCore", m.rowsPerSecondPerCore(cores));
      row.put("peakHeapBytes", m.peakHeapBytes());
      stages.add(row);
    }
    root.put("stages", stages);
    root.put("fixedCost", stageRows(fixed));
    root.put("sql", stageRows(sql));
    List<Map<String, Object>> perSize = new ArrayList<>();
    for (long size : sizes()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("size", size);
      row.put("inputRows", inputRows(size));
      row.put("ingestSeconds", ingestSeconds(size));
      row.put("floorSeconds", floorSeconds(size));
      row.put("wholePipelineSeconds", hasPipeline(size) ? wholePipelineSeconds(size) : null);
      row.put("sparkOverDuckDb", boxed(sparkOverDuckDb(size)));
      row.put("peakHeapBytes", peakHeap(size));
      perSize.add(row);
    }
    root.put("sizes", perSize);
    if (restated != null) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("monthRows", restated.monthRows());
      r.put("historyMonths", restated.historyMonths());
      r.put("repeats", restated.repeats());
      r.put("emptySecondsHalf", restated.medianEmptyHalf());
      r.put("halfSeconds", restated.medianHalf());
      r.put("emptySecondsFull", restated.medianEmptyFull());
      r.put("fullSeconds", restated.medianFull());
      r.put("halfRatio", restated.halfRatio());
      r.put("fullRatio", restated.fullRatio());
      SliceQueryCost q = restated.query();
      if (q != null) {
        r.put("queryFilesRead", q.filesRead());
        r.put("queryBytesRead", q.bytesRead());
        r.put("tableFiles", q.tableFiles());
        r.put("tableBytes", q.tableBytes());
      }
      root.put("restatedMonth", r);
    }
    root.put("marginalIngestRowsPerSecondPerCore", boxed(marginalIngestRate()));
    if (skipping != null) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("sliceFiles", skipping.sliceFiles());
      Map<String, Long> files = new LinkedHashMap<>();
      for (int i = 0; i < skipping.services().size(); i++) {
        files.put(skipping.services().get(i), skipping.filesRead().get(i));
      }
      d.put("filesReadByService", files);
      d.put("meanFraction", skipping.meanFraction());
      d.put("maxFraction", skipping.maxFraction());
      root.put("dataSkipping", d);
    }
    List<Map<String, Object>> targets = new ArrayList<>();
    for (Target t : targets()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("target", t.name);
      row.put("goal", t.goal);
      row.put("measured", t.value);
      row.put("met", t.value == null ? null : t.met());
      targets.add(row);
    }
    root.put("targets", targets);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A goal: a figure at most, at least, or between two limits. */
  public static final class Target {
    final String name;
    final String goal;
    final Double value;
    final double low;
    final double high;

    private Target(String name, String goal, Double value, double low, double high) {
      this.name = name;
      this.goal = goal;
      this.value = value;
      this.low = low;
      this.high = high;
    }

    static Target atMost(String name, double limit, Double value) {
      return new Target(name, "<= " + plain(limit), value, Double.NEGATIVE_INFINITY, limit);
    }

    static Target atLeast(String name, double limit, Double value) {
      return new Target(name, ">= " + plain(limit), value, limit, Double.POSITIVE_INFINITY);
    }

    static Target between(String name, double low, double high, Double value) {
      return new Target(name, plain(low) + "-" + plain(high), value, low, high);
    }

    private static String plain(double limit) {
      return limit == Math.rint(limit)
          ? String.format(Locale.ROOT, "%,d", (long) limit)
          : Double.toString(limit);
    }

    public String name() {
      return name;
    }

    public String goal() {
      return goal;
    }

    public Double value() {
      return value;
    }

    public boolean met() {
      return value != null && !value.isNaN() && value >= low && value <= high;
    }
  }
}
