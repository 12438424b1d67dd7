package io.costlake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.testing.TestSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crashes: ingest and every downstream job run in a JVM of their own and are killed (SIGKILL) at a
 * random moment once Spark has started working. Afterwards every table is readable and holds either
 * what it held before the job or what an uninterrupted run wrote, never a mix; running the job
 * again converges to the uninterrupted run's content.
 *
 * <p>Content is compared by a digest of every row without the columns that name a run or a moment
 * (run ids, {@code *_at}, table versions, attempt counts). The audit logs ({@code ingest_runs},
 * {@code ingest_slices}) record every attempt, killed ones too, so they are only checked readable.
 * The seed is printed: {@code -Dcostlake.kill.seed=N} replays a run's kill moments.
 */
class ITKill {
  private static final List<String> AUDIT_LOGS = List.of("ingest_runs", "ingest_slices");
  private static final String VOLATILE =
      "(?i)(run_id|x_IngestRunId|.*_at|table_version|ingest_attempts)";

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
    Path source = dir.resolve("source");
    Fixtures.generated(source, 600, 1, false);
    Path warehouse = dir.resolve("reference");
    // The state before: the month ingested and computed once.
    for (String step : STEPS) {
      assertEquals(0, inProcess(step, warehouse, source).exitCode, step);
    }
    // Then the provider restates the month: every step has new work to do.
    ITAwsIngest.restate(source.resolve("costlake-cur/20250101-20250201"), 7);

    StringBuilder report = new StringBuilder("kill seed " + seed + "\n");
    for (String step : STEPS) {
      Path before = copy(warehouse, dir.resolve("before-" + step));
      // The reference run goes on in its own folder; the kills start from copies of "before".
      Map<String, String> old = digests(before);
      long startedNanos = System.nanoTime();
      Cli uninterrupted = inProcess(step, warehouse, source);
      long tookMillis = (System.nanoTime() - startedNanos) / 1_000_000;
      assertEquals(0, uninterrupted.exitCode, uninterrupted.toString());
      Map<String, String> expected = digests(warehouse);
      List<String> written = changed(old, expected);
      assertTrue(!written.isEmpty(), step + " changed no table: nothing to interrupt");

      // A child JVM is colder than this one: its step takes longer than the in-process run.
      Kill kill = killDuring(step, before, source, random, Math.max(3_000, tookMillis * 3 / 2));
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
      long newTables = written.stream().filter(t -> after.get(t).equals(expected.get(t))).count();
      report.append(
          String.format(
              Locale.ROOT,
              "%-10s killed %s; %d of %d tables it writes already new%n",
              step,
              landed,
              newTables,
              written.size()));
    }
    System.out.print(report);
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
                  "%.1f s after its first Spark job (attempt %d)",
                  delay / 1000.0,
                  attempt));
        }
        assertEquals(0, child.await(300), child.output());
      } finally {
        child.close();
      }
      window = window / 2;
    }
    throw new AssertionError(step + " always finished before the kill");
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
    args.addAll(List.of("--period", "2025-01"));
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
   * Per table of the warehouse, its row count and an order-independent hash of its rows without the
   * volatile columns; audit logs only show that they read. Any unreadable table fails here.
   */
  private Map<String, String> digests(Path warehouse) {
    Map<String, String> digests = new TreeMap<>();
    Dataset<Row> all = null;
    for (String table : tables(warehouse)) {
      Dataset<Row> rows = spark.read().format("delta").load(Fixtures.uri(warehouse.resolve(table)));
      if (AUDIT_LOGS.contains(table)) {
        rows.count();
        continue;
      }
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
    return digests;
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
