package io.costlake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.testing.TestSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Crashes: ingest and every downstream job run in a JVM of their own and are killed (SIGKILL): the
 * pipeline at a random moment once Spark has started working, ingest right after each of its
 * commits but the last (the instants where a run is half-recorded). Afterwards every table is
 * readable and holds either what it held before the job or what an uninterrupted run wrote, never a
 * mix; running the job again converges to the uninterrupted run's content.
 *
 * <ul>
 *   <li>Downstream: the demo computed every period at once, and its tables are the uninterrupted
 *       run. Its last month is taken out of every table the pipeline writes and out of {@code
 *       pipeline_runs}, so that month alone is stale: {@code pipeline} (no {@code --period}) must
 *       compute it, alone, into exactly what the demo wrote.
 *   <li>Ingest: AWS restates that month; exactly its slice is ingested again.
 * </ul>
 *
 * <p>After every kill and re-run, {@code costlake verify} finds the audit and the tables agree.
 *
 * <p>Content is compared by a digest of every row without the columns that name a run or a moment
 * (run ids, {@code *_at}, table versions, attempt counts). The audit logs ({@code ingest_runs},
 * {@code ingest_slices}, {@code pipeline_runs}) record every attempt, killed ones too, so they are
 * only checked readable; {@code focus_conformance} is the report of the last validate run, of
 * whatever scope. The seed is printed: {@code -Dcostlake.kill.seed=N} replays a run's kill moments.
 */
@Execution(ExecutionMode.SAME_THREAD) // a reader of the shared demo run, see ITDemo
class ITKill {
  private static final List<String> NOT_COMPARED =
      List.of("ingest_runs", "ingest_slices", "pipeline_runs", "focus_conformance");

  /**
   * Columns that name a run or a moment, and those pipeline_health reads off the audit log (which
   * every ingest extends: other readers of the demo re-ingest it, unchanged, before this test).
   */
  private static final String VOLATILE =
      "(?i)(run_id|x_IngestRunId|.*_at|table_version|ingest_attempts|last_ingest_status)";

  private static final String PERIOD = "2025-10";

  /** The tables ingest commits to, in order; the kills land right after each but the last. */
  private static final List<String> INGEST_COMMITS =
      List.of("cost_line_items", "ingest_quarantine", "ingest_runs");

  /**
   * The instant mended by verify --repair; a plain re-run mends the others (the re-run from a
   * repaired warehouse is the uninterrupted run from before, already checked).
   */
  private static final String REPAIRED = "ingest_quarantine";

  /**
   * How long after its first Spark job a child's pipeline may be killed: about its length on this
   * machine (a kill after it finished is tried again sooner). Ingest's window is its in-process
   * time.
   */
  private static final long PIPELINE_WINDOW_MILLIS = 90_000;

  @TempDir Path dir;

  private final SparkSession spark = TestSpark.session();

  @Test
  void aKilledJobLeavesEachTableOldOrNewAndARerunConverges() throws IOException {
    long seed = Long.getLong("costlake.kill.seed", System.nanoTime());
    Random random = new Random(seed);
    StringBuilder report = new StringBuilder("kill seed " + seed + "\n");
    DemoRun demo = DemoRun.get();
    Path source = dir.resolve("source");

    // Every job after ingest, in one application, as the DAG's pipeline step runs it.
    Path computed = copy(Path.of(URI.create(demo.warehouse)), dir.resolve("demo"));
    Path stale = copy(computed, dir.resolve("before-pipeline"));
    forget(stale, PERIOD);
    Map<String, String> expected = digests(computed);
    Path rerun =
        killAndRerun(
            "pipeline",
            stale,
            source,
            digests(stale),
            expected,
            PIPELINE_WINDOW_MILLIS,
            random,
            report);
    Cli again = inProcess("pipeline", rerun, source);
    assertEquals(0, again.exitCode, again.toString());
    assertTrue(again.out.contains("every billing period is up to date"), again.out);

    // Ingest: the provider re-delivers the month; only its slice is read and replaced.
    String month = "costlake-cur/20251001-20251101";
    copy(Path.of(demo.input, "aws-cur").resolve(month), source.resolve(month));
    // Seven lines fewer and one twice: the run commits to the quarantine too.
    ITAwsIngest.restate(
        source.resolve(month),
        lines -> {
          List<String> kept = new ArrayList<>(lines.subList(0, lines.size() - 7));
          kept.add(kept.get(1));
          return kept;
        });
    Path before = copy(computed, dir.resolve("before-ingest"));
    Cli uninterrupted = inProcess("ingest", computed, source);
    assertEquals(0, uninterrupted.exitCode, uninterrupted.toString());
    assertTrue(
        uninterrupted.out.contains("slices   1 written, 0 unchanged, 0 failed"), uninterrupted.out);
    // Killed at each instant between its commits, ingest leaves the tables old or new, verify
    // names the gap, and either a re-run or verify --repair and a re-run mend it.
    for (String table : INGEST_COMMITS) {
      killBetweenCommits(table, before, source, expected, digests(computed), report);
    }
    System.out.print(report);
  }

  /**
   * Kills {@code step} in a child JVM on a copy of {@code before}, checks every table is as before
   * or as after, re-runs the step in-process on what the kill left, and checks it converged.
   *
   * @return the warehouse the kill and the re-run worked on
   */
  private Path killAndRerun(
      String step,
      Path before,
      Path source,
      Map<String, String> old,
      Map<String, String> expected,
      long window,
      Random random,
      StringBuilder report) {
    List<String> written = changed(old, expected);
    assertTrue(!written.isEmpty(), step + " changes no table: nothing to interrupt");
    Kill kill = killDuring(step, before, source, random, window);
    Path crashed = kill.warehouse;
    Map<String, String> after = digests(crashed);
    assertOldOrNew(step + " killed " + kill.when, after, old, expected);
    Cli rerun = inProcess(step, crashed, source);
    assertEquals(0, rerun.exitCode, rerun.toString());
    if (step.equals("pipeline")) {
      assertOnlyTheStaleMonthComputed(rerun);
    }
    assertEquals(expected, digests(crashed), step + ": the re-run after the kill converges");
    Cli verified = verify(crashed, false);
    assertEquals(0, verified.exitCode, verified.toString());
    // A table the step creates is absent after an early kill: that is its state before.
    long newTables =
        written.stream().filter(t -> Objects.equals(after.get(t), expected.get(t))).count();
    report.append(
        String.format(
            Locale.ROOT,
            "%-10s killed %s; %d of %d tables it writes already new%n",
            step,
            kill.when,
            newTables,
            written.size()));
    return crashed;
  }

  /**
   * Kills ingest in a child JVM as soon as its commit to {@code table} lands. The tables are each
   * as before or as after; verify names what is half-recorded (exit 1). After {@link #REPAIRED},
   * verify --repair puts every table back as it was before; after the others a plain re-run mends
   * it (the run's rows have no audit, so the slice is written again) and converges to the
   * uninterrupted run. Every path ends with verify finding nothing.
   */
  private void killBetweenCommits(
      String table,
      Path before,
      Path source,
      Map<String, String> old,
      Map<String, String> expected,
      StringBuilder report) {
    Path crashed = null;
    for (int attempt = 1; attempt <= 3 && crashed == null; attempt++) {
      Path warehouse = copy(before, dir.resolve("killed-after-" + table + "-" + attempt));
      Path log = warehouse.resolve(table).resolve("_delta_log");
      long committed = lastCommit(log);
      ChildJvm child =
          ChildJvm.start(
              dir.resolve("ingest-after-" + table + "-" + attempt + ".log"),
              args("ingest", warehouse, source));
      try {
        if (child.killWhen(() -> lastCommit(log) > committed, 300)) {
          crashed = warehouse;
        } else {
          assertEquals(0, child.await(10), child.output());
        }
      } finally {
        child.close();
      }
    }
    assertTrue(crashed != null, "ingest always finished before its commit to " + table + " landed");
    assertOldOrNew("ingest killed after its commit to " + table, digests(crashed), old, expected);
    Cli found = verify(crashed, false);
    assertEquals(1, found.exitCode, "verify after a kill after " + table + ": " + found);
    assertTrue(found.out.contains("  broken   "), found.out);
    if (table.equals(REPAIRED)) {
      // Data, then quarantine committed, no audit: the repair undoes both, every table as before.
      Cli repaired = verify(crashed, true);
      assertEquals(0, repaired.exitCode, repaired.toString());
      assertEquals(old, digests(crashed), "verify --repair after a kill after " + table);
    } else {
      Cli rerun = inProcess("ingest", crashed, source);
      assertEquals(0, rerun.exitCode, rerun.toString());
      assertEquals(expected, digests(crashed), "ingest after a kill after " + table + " converges");
    }
    Cli clean = verify(crashed, false);
    assertEquals(0, clean.exitCode, clean.toString());
    report.append(
        String.format(
            Locale.ROOT,
            "ingest     killed after its commit to %s; verify found %d broken%n",
            table,
            found.out.lines().filter(l -> l.startsWith("  broken   ")).count()));
  }

  private static void assertOldOrNew(
      String what, Map<String, String> now, Map<String, String> old, Map<String, String> expected) {
    for (String table : now.keySet()) {
      String state = now.get(table);
      assertTrue(
          state.equals(old.get(table)) || state.equals(expected.get(table)),
          what + ": " + table + " is neither as before nor as after");
    }
  }

  private static Cli verify(Path warehouse, boolean repair) {
    List<String> args = new ArrayList<>(List.of("verify", "--warehouse", Fixtures.uri(warehouse)));
    if (repair) {
      args.add("--repair");
    }
    args.addAll(List.of("--conf", DemoRun.SHIPPED_CONF, "--conf", Cli.testConf().toString()));
    return Cli.run(args.toArray(new String[0]));
  }

  /** The latest commit version in a Delta log folder; -1 when there is none yet. */
  private static long lastCommit(Path log) {
    try (Stream<Path> commits = Files.list(log)) {
      return commits
          .map(p -> p.getFileName().toString())
          .filter(n -> n.matches("\\d{20}\\.json"))
          .mapToLong(n -> Long.parseLong(n.substring(0, 20)))
          .max()
          .orElse(-1);
    } catch (java.nio.file.NoSuchFileException e) {
      return -1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The re-run computes the month the kill left stale, and no other; or nothing, when the kill
   * landed after the killed run had recorded it done.
   */
  private static void assertOnlyTheStaleMonthComputed(Cli run) {
    List<String> stale =
        run.out.lines().filter(l -> l.contains(" is stale (")).collect(Collectors.toList());
    if (stale.isEmpty()) {
      assertTrue(run.out.contains("every billing period is up to date"), run.out);
      return;
    }
    assertEquals(1, stale.size(), run.out);
    assertTrue(stale.get(0).startsWith("pipeline: " + PERIOD + " is stale"), run.out);
    assertTrue(run.out.contains("pipeline: " + PERIOD + " up to date"), run.out);
  }

  /**
   * Takes {@code period} out of every table a downstream job writes by period, and out of {@code
   * pipeline_runs}: the period is stale, as after a late file.
   */
  private void forget(Path warehouse, String period) {
    for (String table : tables(warehouse)) {
      String location = Fixtures.uri(warehouse.resolve(table));
      boolean downstream =
          !table.equals("cost_line_items")
              && !table.startsWith("ingest_")
              && List.of(spark.read().format("delta").load(location).columns())
                  .contains("x_BillingPeriod");
      if (downstream) {
        spark.sql("DELETE FROM delta.`" + location + "` WHERE x_BillingPeriod = '" + period + "'");
      } else if (table.equals("pipeline_runs")) {
        spark.sql("DELETE FROM delta.`" + location + "` WHERE billing_period = '" + period + "'");
      }
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

  /**
   * The child's last word from a costlake job (a log line, or the summary a job prints when it
   * ends), which tells where the kill landed.
   */
  private static String lastJobLine(String output) {
    String last = "none yet";
    for (String line : output.split("\n")) {
      // The child logs with Spark's default layout: "yy/MM/dd HH:mm:ss INFO AmortizeJob: ...".
      int job = line.indexOf(" INFO ");
      if (job >= 0 && line.substring(job).matches(" INFO +\\w+Job: .*")) {
        last = line.substring(job + 1);
      } else if (line.matches(
          "(ingest \\w+|validate|amortize|allocate|chargeback|reconcile"
              + "|anomalies|report): .*")) {
        last = line.length() > 80 ? line.substring(0, 80) + "..." : line;
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
      // Only the restated month: exactly its slice is ingested again.
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
      if (NOT_COMPARED.contains(table)) {
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
