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
  private static final double GIB = 1024.0 * 1024 * 1024;

  private final int cores;
  private final long maxHeapBytes;
  private final List<String> downstream;
  private final List<Measurement> measurements = new ArrayList<>();
  private RestatedMonth restated;

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
   * The targets of issue 9, each with its figure at the largest size; {@code null} = not measured.
   */
  public List<Target> targets() {
    List<Target> targets = new ArrayList<>();
    long largest = sizes().isEmpty() ? 0 : sizes().last();
    double floor = floorSeconds(largest);
    targets.add(
        new Target(
            "ingest / raw-scan floor",
            "<= 1.5",
            floor > 0 ? ingestSeconds(largest) / floor : null,
            1.5));
    targets.add(
        new Target(
            "whole pipeline / raw-scan floor",
            "<= 3",
            floor > 0 && hasPipeline(largest) ? wholePipelineSeconds(largest) / floor : null,
            3));
    targets.add(
        new Target("Spark local ingest aws / DuckDB", "<= 1", boxed(sparkOverDuckDb(largest)), 1));
    targets.add(
        new Target(
            "scaling exponent (ingest)",
            "<= 1.05",
            boxed(scalingExponent(this::ingestSeconds)),
            1.05));
    targets.add(
        new Target(
            "restated month, " + half() + " months / empty",
            "<= 1.2",
            restated == null ? null : restated.halfRatio(),
            1.2));
    targets.add(
        new Target(
            "restated month, " + full() + " months / empty",
            "<= 1.2",
            restated == null ? null : restated.fullRatio(),
            1.2));
    targets.add(
        new Target(
            "one-slice query bytes / table bytes",
            "<= 0.05",
            restated == null || restated.query() == null ? null : restated.query().bytesFraction(),
            0.05));
    targets.add(
        new Target(
            "peak live heap, whole pipeline (GiB)",
            "<= 4",
            largest > 0 && hasPipeline(largest) ? peakHeap(largest) / GIB : null,
            4));
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
    out.println();
    out.printf(Locale.ROOT, "%-42s %-9s %10s  %s%n", "target", "goal", "measured", "");
    for (Target t : targets()) {
      out.printf(
          Locale.ROOT,
          "%-42s %-9s %10s  %s%n",
          t.name,
          t.goal,
          t.value == null ? "-" : String.format(Locale.ROOT, "%.3f", t.value),
          t.value == null ? "not measured" : t.met() ? "met" : "MISSED");
    }
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
    List<Map<String, Object>> perSize = new ArrayList<>();
    for (long size : sizes()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("size", size);
      row.put("inputRows", inputRows(size));
      row.put("ingestSeconds", ingestSeconds(size));
      row.put("floorSeconds", floorSeconds(size));
      row.put("wholePipelineSeconds", hasPipeline(size) ? wholePipelineSeconds(size) : null);
      row.put("sparkOverDuckDb", boxed(sparkOverDuckDb(size)));
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

  /** A goal of the form "at most {@code limit}". */
  public static final class Target {
    final String name;
    final String goal;
    final Double value;
    final double limit;

    Target(String name, String goal, Double value, double limit) {
      this.name = name;
      this.goal = goal;
      this.value = value;
      this.limit = limit;
    }

    public String name() {
      return name;
    }

    public Double value() {
      return value;
    }

    public boolean met() {
      return value != null && value <= limit;
    }
  }
}
