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

  /** {@code rows}, persisted (memory, then disk); planned now, computed by the first reader. */
  public Dataset<Row> keep(Dataset<Row> rows) {
    Dataset<Row> persisted = rows.persist(StorageLevel.MEMORY_AND_DISK());
    kept.add(persisted);
    return persisted;
  }

  @Override
  public void close() {
    kept.forEach(Dataset::unpersist);
    kept.clear();
  }
}
