package io.costlake.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Frames a job reads more than once, persisted so they are planned and computed once: each later
 * plan that reads one scans the persisted rows instead of planning (and running) its Delta scans
 * again. Close once the results that read them are written.
 */
public final class Reused implements AutoCloseable {
  private final List<Dataset<Row>> kept = new ArrayList<>();
  private final StorageLevel level;

  /** Frames kept in memory, then on disk: few rows (commitments, fees, shares). */
  public Reused() {
    this(StorageLevel.MEMORY_AND_DISK());
  }

  private Reused(StorageLevel level) {
    this.level = level;
  }

  /**
   * Frames of a job's line items, kept on local disk only: Spark builds a partition's cached
   * batches on the heap before it finds they do not fit, and at millions of lines allocate's frames
   * filled a 2 GiB driver (the page cache keeps them warm on disk).
   */
  public static Reused onDisk() {
    return new Reused(StorageLevel.DISK_ONLY());
  }

  /** {@code rows}, persisted; planned now, computed by the first reader. */
  public Dataset<Row> keep(Dataset<Row> rows) {
    Dataset<Row> persisted = rows.persist(level);
    kept.add(persisted);
    return persisted;
  }

  @Override
  public void close() {
    kept.forEach(Dataset::unpersist);
    kept.clear();
  }
}
