package io.costlake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.testing.TestSpark;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Crashes: ingest and every downstream job run in a JVM of their own and are killed (SIGKILL) at a
 * random moment once Spark has started working. Afterwards every table is readable and holds either
 * what it held before the job or what an uninterrupted run wrote, never a mix; running the job
 * again converges to the uninterrupted run's content.
 *
 * <p>The state before is the shared demo's warehouse (every table, several providers and periods),
 * in which the provider then restates the demo's last AWS month, so that every step has existing
 * slices to replace. Content is compared by a digest of every row without the columns that name a
 * run or a moment (run ids, {@code *_at}, table versions, attempt counts). The audit logs ({@code
 * ingest_runs}, {@code ingest_slices}, {@code pipeline_runs}) record every attempt, killed ones
 * too, so they are only checked readable. The seed is printed: {@code -Dcostlake.kill.seed=N}
 * replays a run's kill moments.
 */
@Execution(ExecutionMode.SAME_THREAD) // a reader of the shared demo run, see ITDemo
class ITKill {
  private static final List<String> AUDIT_LOGS =
      List.of("ingest_runs", "ingest_slices", "pipeline_runs");
  private static final String VOLATILE =
      "(?i)(run_id|x_IngestRunId|.*_at|table_version|ingest_attempts)";
  private static final String PERIOD = "2025-10";

  @TempDir Path dir;

  private final SparkSession spark = TestSpark.session();

  /**
   * Ingest, then every downstream job in one application ({@code pipeline}: validate, amortize,
   * allocate, chargeback, reconcile, anomalies, report), as the DAG runs them per period. The kill
   * lands anywhere in the step, so over runs (a new seed each) it hits each job; a task per job
   * costs a JVM and a Spark start each, more than CI's budget holds.
   */
  private static final List<String> STEPS = List.of("ingest", "pipeline");

  @Test
  void aKilledJobLeavesEachTableOldOrNewAndARerunConverges() throws IOException {
    long seed = Long.getLong("costlake.kill.seed", System.nanoTime());
    Random random = new Random(seed);
    DemoRun demo = DemoRun.get();
    // Only the restated month is re-delivered: exactly its slice is ingested again, and only its
    // period is stale for the pipeline that follows.
    String month = "costlake-cur/20251001-20251101";
    Path source = dir.resolve("source");
    copy(Path.of(demo.input, "aws-cur").resolve(month), source.resolve(month));
    restateCurrentAssembly(source.resolve(month), 7);
    Path warehouse = copy(Path.of(URI.create(demo.warehouse)), dir.resolve("reference"));

    StringBuilder report = new StringBuilder("kill seed " + seed + "\n");
    for (String step : STEPS) {
      Path before = copy(warehouse, dir.resolve("before-" + step));
      // The reference run goes on in its own folder; the kills start from copies of "before".
      Map<String, String> old = digests(before);
      long startedNanos = System.nanoTime();
      Cli uninterrupted = inProcess(step, warehouse, source);
      long tookMillis = (System.nanoTime() - startedNanos) / 1_000_000;
      assertEquals(0, uninterrupted.exitCode, uninterrupted.toString());
      assertOnlyTheRestatedMonth(step, uninterrupted);
      Map<String, String> expected = digests(warehouse);
      List<String> written = changed(old, expected);
      assertTrue(!written.isEmpty(), step + " changed no table: nothing to interrupt");

      // A child JVM is colder than this one: its step takes a little longer than in-process.
      Kill kill = killDuring(step, before, source, random, Math.max(3_000, tookMillis * 6 / 5));
      Path crashed = kill.warehouse;
      String landed = kill.when;
      Map<String, String> after = digests(crashed);
      for (String table : after.keySet()) {
        String state = after.get(table);
        assertTrue(
            state.equals(old.get(table)) || state.equals(expected.get(table)),
            step
                + " killed "
                + landed
                + ": "
                + table
                + " is neither as before nor as after\n"
                + report);
      }
      Cli rerun = inProcess(step, crashed, source);
      assertEquals(0, rerun.exitCode, rerun.toString());
      assertEquals(expected, digests(crashed), step + ": the re-run after the kill converges");
      // A table the step creates is absent after an early kill: that is its state before.
      long newTables =
          written.stream().filter(t -> Objects.equals(after.get(t), expected.get(t))).count();
      report.append(
          String.format(
              Locale.ROOT,
              "%-10s killed %s; %d of %d tables it writes already new (step %.0f s in-process)%n",
              step,
              landed,
              newTables,
              written.size(),
              tookMillis / 1000.0));
    }
    Cli again = inProcess("pipeline", warehouse, source);
    assertEquals(0, again.exitCode, again.toString());
    assertTrue(again.out.contains("every billing period is up to date"), again.out);
    System.out.print(report);
  }

  /**
   * A re-delivered month re-ingests exactly its slice, and the pipeline then computes that period
   * and no other: the demo's other periods are up to date.
   */
  private static void assertOnlyTheRestatedMonth(String step, Cli run) {
    if (step.equals("ingest")) {
      assertTrue(run.out.contains("slices   1 written, 0 unchanged, 0 failed"), run.out);
    } else {
      List<String> stale =
          run.out
              .lines()
              .filter(l -> l.endsWith(")") && l.contains(" is stale "))
              .collect(java.util.stream.Collectors.toList());
      assertEquals(1, stale.size(), run.out);
      assertTrue(stale.get(0).startsWith("pipeline: " + PERIOD + " is stale"), run.out);
      assertTrue(run.out.contains("pipeline: " + PERIOD + " up to date"), run.out);
    }
  }

  /** Where a kill landed: the warehouse the killed child wrote to, and when. */
  private static final class Kill {
    final Path warehouse;
    final String when;

    Kill(Path warehouse, String when) {
      this.warehouse = warehouse;
      this.when = when;
    }
  }

  /**
   * Runs {@code step} in a child JVM on a copy of {@code before} and kills it at a random moment
   * after Spark's first job started; when the job finishes first, tries again on a fresh copy with
   * the kill sooner (at most 4 times).
   */
  private Kill killDuring(String step, Path before, Path source, Random random, long window) {
    for (int attempt = 1; attempt <= 4; attempt++) {
      Path warehouse = copy(before, dir.resolve("killed-" + step + "-" + attempt));
      ChildJvm child =
          ChildJvm.start(dir.resolve(step + "-" + attempt + ".log"), args(step, warehouse, source));
      try {
        long workStarted = awaitSparkWork(child);
        long delay = (long) (random.nextDouble() * window);
        if (child.killAfter(workStarted + delay)) {
          return new Kill(
              warehouse,
              String.format(
                  Locale.ROOT,
                  "%.1f s after its first Spark job (attempt %d; its last word: %s)",
                  delay / 1000.0,
                  attempt,
                  lastJobLine(child.output())));
        }
        assertEquals(0, child.await(300), child.output());
      } finally {
        child.close();
      }
      window = window / 2;
    }
    throw new AssertionError(step + " always finished before the kill");
  }

  /** The child's last line from a costlake job, which tells where the kill landed. */
  private static String lastJobLine(String output) {
    String last = "none yet";
    for (String line : output.split("\n")) {
      // The child logs with Spark's default layout: "yy/MM/dd HH:mm:ss INFO AmortizeJob: ...".
      int job = line.indexOf(" INFO ");
      if (job >= 0 && line.substring(job).matches(" INFO +\\w+Job: .*")) {
        last = line.substring(job + 1);
      }
    }
    return last;
  }

  /** Milliseconds from the child's start until its log shows Spark's first job (or its exit). */
  private static long awaitSparkWork(ChildJvm child) {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      String out = child.output();
      if (out.contains("DAGScheduler: Got job") || !child.alive()) {
        return child.elapsedMillis();
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("no Spark job started in 120 s:\n" + child.output());
  }

  private static Cli inProcess(String step, Path warehouse, Path source) {
    return Cli.run(args(step, warehouse, source).toArray(new String[0]));
  }

  private static List<String> args(String step, Path warehouse, Path source) {
    List<String> args = new ArrayList<>(List.of(step, "--warehouse", Fixtures.uri(warehouse)));
    if (step.equals("ingest")) {
      args.addAll(List.of("--provider", "aws", "--source", Fixtures.uri(source)));
    }
    if (step.equals("ingest")) {
      args.addAll(List.of("--period", PERIOD));
    }
    args.addAll(List.of("--conf", DemoRun.SHIPPED_CONF, "--conf", Cli.testConf().toString()));
    return args;
  }

  private static List<String> changed(Map<String, String> before, Map<String, String> after) {
    List<String> tables = new ArrayList<>();
    for (Map.Entry<String, String> entry : after.entrySet()) {
      if (!entry.getValue().equals(before.get(entry.getKey()))) {
        tables.add(entry.getKey());
      }
    }
    return tables;
  }

  /**
   * Digests already computed, by the table's Delta log tip (its latest commit file's bytes): a
   * table whose log ends in the same commit holds the same rows, in whichever copy it lies, so only
   * the tables a step committed to are read again.
   */
  private final Map<String, String> digestByLogTip = new HashMap<>();

  /**
   * Per table of the warehouse, its row count and an order-independent hash of its rows without the
   * volatile columns; audit logs only show that they read. Any unreadable table fails here.
   */
  private Map<String, String> digests(Path warehouse) {
    Map<String, String> digests = new TreeMap<>();
    Map<String, String> tips = new HashMap<>();
    Dataset<Row> all = null;
    for (String table : tables(warehouse)) {
      Dataset<Row> rows = spark.read().format("delta").load(Fixtures.uri(warehouse.resolve(table)));
      if (AUDIT_LOGS.contains(table)) {
        rows.count();
        continue;
      }
      String tip = table + "@" + logTip(warehouse.resolve(table));
      if (digestByLogTip.containsKey(tip)) {
        digests.put(table, digestByLogTip.get(tip));
        continue;
      }
      tips.put(table, tip);
      List<org.apache.spark.sql.Column> kept = new ArrayList<>();
      for (String column : rows.columns()) {
        if (!column.matches(VOLATILE)) {
          kept.add(functions.col("`" + column + "`"));
        }
      }
      Dataset<Row> hashed =
          rows.select(
              functions.lit(table).as("t"),
              functions
                  .xxhash64(
                      functions.to_json(
                          functions.struct(kept.toArray(new org.apache.spark.sql.Column[0]))))
                  .cast("decimal(38,0)")
                  .as("h"));
      all = all == null ? hashed : all.unionAll(hashed);
      digests.put(table, "0 rows");
    }
    if (all != null) {
      for (Row r : all.groupBy("t").agg(functions.count("*"), functions.sum("h")).collectAsList()) {
        digests.put(r.getString(0), r.getLong(1) + " rows, hash " + r.getDecimal(2));
      }
    }
    tips.forEach((table, tip) -> digestByLogTip.put(tip, digests.get(table)));
    return digests;
  }

  /** The SHA-256 of a table's latest commit file: unique per commit, equal in copies. */
  private static String logTip(Path table) {
    try (Stream<Path> commits = Files.list(table.resolve("_delta_log"))) {
      Path latest =
          commits
              .filter(p -> p.getFileName().toString().matches("\\d{20}\\.json"))
              .max(java.util.Comparator.comparing(p -> p.getFileName().toString()))
              .orElseThrow();
      byte[] sha =
          java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(latest));
      return new java.math.BigInteger(1, sha).toString(16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> tables(Path warehouse) {
    try (Stream<Path> entries = Files.list(warehouse)) {
      return entries
          .filter(p -> Files.isDirectory(p.resolve("_delta_log")))
          .map(p -> p.getFileName().toString())
          .sorted()
          .collect(java.util.stream.Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The provider re-delivers a month: a new assembly holding the current one's rows less the last
   * {@code dropped}, which the period's manifest then names.
   */
  private static void restateCurrentAssembly(Path period, int dropped) throws IOException {
    Path manifest = period.resolve("costlake-cur-Manifest.json");
    String json = Files.readString(manifest);
    Path current =
        Fixtures.files(period, ".csv.gz").stream()
            .filter(p -> json.contains(p.getParent().getFileName() + "/"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no current assembly in " + manifest));
    String assembly = current.getParent().getFileName().toString();
    List<String> lines = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(current)), StandardCharsets.UTF_8))) {
      in.lines().forEach(lines::add);
    }
    Path restated = period.resolve("restated-assembly").resolve(current.getFileName());
    Files.createDirectories(restated.getParent());
    try (Writer out =
        new OutputStreamWriter(
            new GZIPOutputStream(Files.newOutputStream(restated)), StandardCharsets.UTF_8)) {
      for (String line : lines.subList(0, lines.size() - dropped)) {
        out.write(line);
        out.write('\n');
      }
    }
    Files.writeString(manifest, json.replace(assembly, "restated-assembly"));
  }

  private static Path copy(Path from, Path to) {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
