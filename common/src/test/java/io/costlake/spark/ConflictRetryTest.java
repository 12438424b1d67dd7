package io.costlake.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.exceptions.ConcurrentAppendException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConflictRetryTest {
  private final List<Long> waits = new ArrayList<>();
  private final ConflictRetry retry = new ConflictRetry(3, 100, waits::add);

  private static RuntimeException conflict() {
    // As Spark surfaces it: Delta's exception under a wrapper of the write path.
    return new IllegalStateException(
        "write failed", new ConcurrentAppendException("Files were added to partition ..."));
  }

  @Test
  void aLostRaceIsRunAgainAfterABackoffThatGrows() {
    AtomicInteger calls = new AtomicInteger();
    String result =
        retry.run(
            "cost_line_items",
            () -> {
              if (calls.incrementAndGet() < 3) {
                throw conflict();
              }
              return "committed";
            });
    assertEquals("committed", result);
    assertEquals(3, calls.get());
    assertEquals(2, waits.size());
    assertTrue(waits.get(0) >= 100 && waits.get(0) < 200, waits.toString());
    assertTrue(waits.get(1) >= 200 && waits.get(1) < 300, waits.toString());
  }

  @Test
  void anyOtherFailureIsNotRetried() {
    AtomicInteger calls = new AtomicInteger();
    IllegalArgumentException bad = new IllegalArgumentException("schema mismatch");
    RuntimeException thrown =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                retry.run(
                    "t",
                    () -> {
                      calls.incrementAndGet();
                      throw bad;
                    }));
    assertSame(bad, thrown);
    assertEquals(1, calls.get());
    assertTrue(waits.isEmpty());
  }

  @Test
  void afterTheLastAttemptItSaysWhichConflictAndHowOften() {
    AtomicInteger calls = new AtomicInteger();
    ConflictRetry.Exhausted e =
        assertThrows(
            ConflictRetry.Exhausted.class,
            () ->
                retry.run(
                    "t",
                    () -> {
                      calls.incrementAndGet();
                      throw conflict();
                    }));
    assertEquals(3, calls.get());
    assertEquals("ConcurrentAppendException on each of 3 attempts", e.getMessage());
  }

  @Test
  void deltaConflictsAreRecognisedThroughTheirCauses() {
    assertEquals(Optional.of("ConcurrentAppendException"), ConflictRetry.conflictName(conflict()));
    assertEquals(
        Optional.empty(),
        ConflictRetry.conflictName(new RuntimeException(new java.io.IOException("disk full"))));
    // java.util's own is no Delta conflict.
    assertEquals(
        Optional.empty(),
        ConflictRetry.conflictName(new java.util.ConcurrentModificationException("list")));
  }

  @Test
  void aTableAnotherWriterIsCreatingIsRetriedThoughDeltaThrowsItChecked() {
    // Losing a race to create the table: a checked AnalysisException, which Scala throws
    // undeclared, so a catch of RuntimeException alone would let it through.
    org.apache.spark.sql.delta.DeltaAnalysisException alreadyExists =
        new org.apache.spark.sql.delta.DeltaAnalysisException(
            "DELTA_TABLE_ALREADY_EXISTS",
            new String[] {"`file:/w/ingest_runs`"},
            scala.Option.empty(),
            scala.Option.empty());
    AtomicInteger calls = new AtomicInteger();
    String result =
        retry.run(
            "ingest_runs",
            () -> {
              if (calls.incrementAndGet() == 1) {
                throw ConflictRetryTest.<RuntimeException>sneaky(alreadyExists);
              }
              return "created";
            });
    assertEquals("created", result);
    assertEquals(2, calls.get());
    assertEquals(1, waits.size());
  }

  @SuppressWarnings("unchecked")
  private static <E extends Exception> E sneaky(Exception e) throws E {
    throw (E) e;
  }
}
