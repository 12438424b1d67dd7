package io.costlake.verify;

import io.costlake.ingest.SliceKey;
import java.util.Optional;

/** One broken invariant of the warehouse, in one line, with what can mend it. */
public final class Finding {
  /** What is broken. */
  public enum Kind {
    /** A slice holds rows of a run that recorded no audit of them. */
    UNRECORDED_ROWS,
    /** A slice's rows or billed cost differ from its audit record. */
    SLICE_DIFFERS,
    /** The audit records rows for a slice the table does not hold. */
    SLICE_MISSING,
    /** The run that wrote a slice recorded no ingest_runs rows (the files it read). */
    RUN_WITHOUT_FILES,
    /** ingest_quarantine holds rows of a run that recorded no ingest_runs rows. */
    QUARANTINE_UNRECORDED
  }

  private final Kind kind;
  private final SliceKey slice;
  private final String runId;
  private final String message;
  private final Long restoreVersion;

  Finding(Kind kind, SliceKey slice, String runId, String message, Long restoreVersion) {
    this.kind = kind;
    this.slice = slice;
    this.runId = runId;
    this.message = message;
    this.restoreVersion = restoreVersion;
  }

  public Kind kind() {
    return kind;
  }

  /** The slice of cost_line_items concerned, for the slice kinds. */
  public Optional<SliceKey> slice() {
    return Optional.ofNullable(slice);
  }

  /** The run concerned, for the run kinds. */
  public Optional<String> runId() {
    return Optional.ofNullable(runId);
  }

  /**
   * The version of cost_line_items whose copy of the slice its audit records (the last WRITTEN
   * run's write): restoring the slice from it mends the finding.
   */
  public Optional<Long> restoreVersion() {
    return Optional.ofNullable(restoreVersion);
  }

  public String message() {
    return message;
  }

  @Override
  public String toString() {
    return kind + " " + message;
  }
}
