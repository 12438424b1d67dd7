package io.costlake.jobs.bench;

/** One timed stage at one size. */
public final class Measurement {
  private final String stage;
  private final long size;
  private final long rows;
  private final double seconds;
  private final long peakHeapBytes;

  public Measurement(String stage, long size, long rows, double seconds, long peakHeapBytes) {
    this.stage = stage;
    this.size = size;
    this.rows = rows;
    this.seconds = seconds;
    this.peakHeapBytes = peakHeapBytes;
  }

  /** Times {@code body}, which returns the rows it processed, with the heap peak it reached. */
  public static Measurement time(String stage, long size, RowsWork body) {
    System.gc(); // start each stage from a collected heap: its peak is its own live data
    HeapWatch.reset();
    long started = System.nanoTime();
    long rows = body.run();
    double seconds = (System.nanoTime() - started) / 1e9;
    return new Measurement(stage, size, rows, seconds, HeapWatch.peakBytes());
  }

  /** A stage body: does the work and says how many rows it processed. */
  @FunctionalInterface
  public interface RowsWork {
    long run();
  }

  public String stage() {
    return stage;
  }

  public long size() {
    return size;
  }

  public long rows() {
    return rows;
  }

  public double seconds() {
    return seconds;
  }

  public long peakHeapBytes() {
    return peakHeapBytes;
  }

  public double rowsPerSecondPerCore(int cores) {
    return seconds <= 0 ? 0 : rows / seconds / cores;
  }
}
