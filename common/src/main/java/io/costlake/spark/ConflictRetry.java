package io.costlake.spark;

import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a Delta commit that lost an optimistic-concurrency race. Every costlake write replaces a
 * predicate's rows (or appends audit rows), so running it again on the newer snapshot is the same
 * write: the last writer of a slice wins, and no rows are duplicated. Other failures are not
 * retried.
 */
public final class ConflictRetry {
  private static final Logger LOG = LoggerFactory.getLogger(ConflictRetry.class);

  /** Attempts in all, first included; enough for the few jobs an Airflow DAG runs side by side. */
  public static final int ATTEMPTS = 6;

  private final int attempts;
  private final long firstBackoffMillis;
  private final Sleeper sleeper;

  /** How to wait between attempts (tests pass one that records instead of sleeping). */
  public interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  public ConflictRetry(int attempts, long firstBackoffMillis, Sleeper sleeper) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1 (got " + attempts + ")");
    }
    this.attempts = attempts;
    this.firstBackoffMillis = firstBackoffMillis;
    this.sleeper = sleeper;
  }

  /** {@link #ATTEMPTS} attempts, waiting 200 ms, 400 ms, ... (plus jitter) between them. */
  public static ConflictRetry standard() {
    return new ConflictRetry(ATTEMPTS, 200, Thread::sleep);
  }

  /** Thrown when every attempt lost its race: nothing this call tried to write was committed. */
  public static final class Exhausted extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int attempts;

    Exhausted(int attempts, Exception last) {
      super(conflictName(last).orElse("conflict") + " on each of " + attempts + " attempts", last);
      this.attempts = attempts;
    }

    public int attempts() {
      return attempts;
    }
  }

  /**
   * Runs {@code commit}; when Delta says another transaction committed first, waits and runs it
   * again, up to the attempt limit.
   *
   * @param what the table, for the log line
   */
  public <T> T run(String what, Supplier<T> commit) {
    for (int attempt = 1; ; attempt++) {
      try {
        return commit.get();
      } catch (Exception e) { // Delta's AnalysisExceptions are checked, though Scala throws them
        Optional<String> conflict = conflictName(e);
        if (conflict.isEmpty()) {
          throw e;
        }
        if (attempt >= attempts) {
          throw new Exhausted(attempts, e);
        }
        long wait = backoff(attempt);
        LOG.warn(
            "{}: another writer committed first ({}); retrying on the new version in {} ms"
                + " (attempt {} of {})",
            what,
            conflict.get(),
            wait,
            attempt + 1,
            attempts);
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private long backoff(int attempt) {
    long base = firstBackoffMillis << Math.min(attempt - 1, 10);
    // Jitter keeps two writers that collided from colliding again in lock step.
    return base + (long) (Math.random() * firstBackoffMillis);
  }

  /**
   * The simple name of the Delta concurrency exception in {@code e}'s causes, if any. Delta's are
   * {@link java.util.ConcurrentModificationException}s (ConcurrentAppendException,
   * ConcurrentDeleteReadException, MetadataChangedException, ...); a table two writers create at
   * once fails with "already exists" (DELTA_TABLE_ALREADY_EXISTS) and is retried as well.
   */
  public static Optional<String> conflictName(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.util.ConcurrentModificationException
          && cause
              .getClass()
              .getName()
              .matches("(io\\.delta|org\\.apache\\.spark\\.sql\\.delta)\\..*")) {
        return Optional.of(cause.getClass().getSimpleName());
      }
      String message = String.valueOf(cause.getMessage());
      if (message.contains("DELTA_TABLE_ALREADY_EXISTS")
          || message.contains("DELTA_PROTOCOL_CHANGED")
          || message.contains("DELTA_METADATA_CHANGED")) {
        return Optional.of(cause.getClass().getSimpleName());
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return Optional.empty();
  }
}
