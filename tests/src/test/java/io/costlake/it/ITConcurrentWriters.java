package io.costlake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.errors.CostlakeException;
import io.costlake.model.Table;
import io.costlake.spark.ConflictRetry;
import io.costlake.spark.RowScope;
import io.costlake.spark.Warehouse;
import io.costlake.testing.TestSpark;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Two writers at once. On different slices of one table both succeed. On the same slice the one
 * that commits second finds Delta's conflict, and writes again on the newer version (the last
 * writer wins), or, past its attempts, fails in one line having written nothing: never a table with
 * both writers' rows.
 */
// The latches below are static (tasks of the local master run in this JVM): one test at a time.
@Execution(ExecutionMode.SAME_THREAD)
class ITConcurrentWriters {
  private static volatile CountDownLatch started = new CountDownLatch(1);
  private static volatile CountDownLatch release = new CountDownLatch(1);

  @TempDir Path dir;

  private final SparkSession spark = TestSpark.session();

  @Test
  void theSecondCommitToASliceIsRetriedOnTheNewerVersionAndOnlyItsRowsRemain() throws Exception {
    String root = Fixtures.uri(dir.resolve("warehouse"));
    Warehouse setup = new Warehouse(spark, root);
    setup.writes().append(Table.INGEST_SLICES, slices("initial", 3), "initial");

    AtomicInteger retries = new AtomicInteger();
    Warehouse first =
        new Warehouse(spark, root, new ConflictRetry(3, 10, millis -> retries.incrementAndGet()));
    Warehouse second = new Warehouse(spark, root);
    race(
        () ->
            first
                .writes()
                .replace(
                    Table.INGEST_SLICES, blockedUntilReleased(slices("first", 2)), SLICE, "first"),
        () -> second.writes().replace(Table.INGEST_SLICES, slices("second", 4), SLICE, "second"));

    assertEquals(1, retries.get(), "the first writer lost its race once and wrote again");
    assertEquals(List.of("first", "first"), runIds(root));
    List<Row> history =
        spark
            .sql("DESCRIBE HISTORY delta.`" + root + "/ingest_slices`")
            .orderBy("version")
            .collectAsList();
    assertEquals("second", history.get(history.size() - 2).getAs("userMetadata"));
    assertEquals("first", history.get(history.size() - 1).getAs("userMetadata"));
  }

  @Test
  void aWriterThatKeepsLosingFailsInOneLineAndWritesNothing() throws Exception {
    String root = Fixtures.uri(dir.resolve("warehouse"));
    new Warehouse(spark, root)
        .writes()
        .append(Table.INGEST_SLICES, slices("initial", 3), "initial");
    Warehouse once = new Warehouse(spark, root, new ConflictRetry(1, 10, millis -> {}));
    Warehouse second = new Warehouse(spark, root);

    CostlakeException failure = null;
    try {
      race(
          () ->
              once.writes()
                  .replace(
                      Table.INGEST_SLICES,
                      blockedUntilReleased(slices("first", 2)),
                      SLICE,
                      "first"),
          () -> second.writes().replace(Table.INGEST_SLICES, slices("second", 4), SLICE, "second"));
    } catch (java.util.concurrent.ExecutionException e) {
      failure = (CostlakeException) e.getCause();
    }
    assertTrue(failure != null, "the writer with one attempt must fail");
    assertTrue(
        failure
            .getMessage()
            .matches(
                "Cannot write ingest_slices: other jobs committed to the same rows first"
                    + " \\(Concurrent\\w+Exception on each of 1 attempts\\); this run wrote"
                    + " nothing there, run it again"),
        failure.getMessage());
    assertEquals(List.of("second", "second", "second", "second"), runIds(root));
  }

  @Test
  void twoIngestsOfOtherMonthsBothSucceedAndTwoOfTheSameMonthLeaveNoDuplicate() throws Exception {
    Path source = dir.resolve("source");
    Fixtures.generated(source, 400, 2, false);
    TestWarehouse lake = new TestWarehouse(dir.resolve("warehouse"));
    String cur = Fixtures.uri(source);
    Cli[] results = both(() -> ingest(lake, cur, "2025-01"), () -> ingest(lake, cur, "2025-02"));
    for (Cli cli : results) {
      assertEquals(0, cli.exitCode, cli.toString());
    }
    long bothMonths = lake.table("cost_line_items").count();

    // A reference: the same two months ingested one after the other into another warehouse.
    TestWarehouse reference = new TestWarehouse(dir.resolve("reference"));
    assertEquals(0, reference.ingest(cur).exitCode);
    assertEquals(reference.table("cost_line_items").count(), bothMonths);

    // The same month twice at once: both runs end well (one may find the slice unchanged), and
    // every source row is in the table exactly once.
    ITAwsIngest.restate(source.resolve("costlake-cur/20250101-20250201"), 3);
    results = both(() -> ingest(lake, cur, "2025-01"), () -> ingest(lake, cur, "2025-01"));
    for (Cli cli : results) {
      assertEquals(0, cli.exitCode, cli.toString());
    }
    Dataset<Row> lines = lake.table("cost_line_items");
    assertEquals(
        0L,
        lines
            .groupBy("x_SourceFile", "x_SourceRow", "x_RowOrigin")
            .count()
            .filter("count > 1")
            .count(),
        "no source row twice");
    assertEquals(0, reference.ingest(cur).exitCode);
    assertEquals(reference.table("cost_line_items").count(), lines.count());
  }

  private static final RowScope SLICE =
      RowScope.equalTo("provider", "aws").and(RowScope.equalTo("billing_period", "2025-01"));

  private static Cli ingest(TestWarehouse lake, String source, String period) {
    return Cli.run(
        "ingest",
        "--provider",
        "aws",
        "--warehouse",
        lake.uri(),
        "--source",
        source,
        "--period",
        period);
  }

  /** Runs both at once, the first blocked (see blockedUntilReleased) until the second is done. */
  private static void race(Runnable first, Runnable second) throws Exception {
    started = new CountDownLatch(1);
    release = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> firstDone = pool.submit(first);
      assertTrue(started.await(120, TimeUnit.SECONDS), "the first writer never started writing");
      try {
        second.run();
      } finally {
        release.countDown();
      }
      firstDone.get(120, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
  }

  @SafeVarargs
  private static Cli[] both(java.util.concurrent.Callable<Cli>... runs) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(runs.length);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Cli>> futures = new ArrayList<>();
      for (java.util.concurrent.Callable<Cli> run : runs) {
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  return run.call();
                }));
      }
      go.countDown();
      Cli[] results = new Cli[runs.length];
      for (int i = 0; i < runs.length; i++) {
        results[i] = futures.get(i).get(300, TimeUnit.SECONDS);
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The rows, computed only once the writer's transaction has begun (Delta reads the snapshot
   * first, then runs the job that writes the files): the task says it started, then waits until the
   * other writer has committed. A retried write computes them again, without waiting.
   */
  private static Dataset<Row> blockedUntilReleased(Dataset<Row> rows) {
    return rows.mapPartitions(
        (MapPartitionsFunction<Row, Row>)
            partition -> {
              started.countDown();
              release.await(120, TimeUnit.SECONDS);
              return partition;
            },
        Encoders.row(rows.schema()));
  }

  private Dataset<Row> slices(String runId, int count) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(
          RowFactory.create(
              runId,
              "aws",
              "account-" + i,
              "2025-01",
              "fingerprint",
              List.of("file:/export/" + i + ".csv"),
              10L,
              new BigDecimal("1.5000000000"),
              new BigDecimal("1.5000000000"),
              1L,
              "WRITTEN",
              null,
              Timestamp.valueOf("2025-02-01 00:00:00")));
    }
    return spark.createDataFrame(rows, Table.INGEST_SLICES.schema()).coalesce(1);
  }

  private List<String> runIds(String root) {
    List<String> ids = new ArrayList<>();
    for (Row r :
        spark
            .read()
            .format("delta")
            .load(root + "/ingest_slices")
            .orderBy("run_id")
            .collectAsList()) {
      ids.add(r.getAs("run_id"));
    }
    return ids;
  }
}
