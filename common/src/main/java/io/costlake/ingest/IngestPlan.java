package io.costlake.ingest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What an ingest run does with each slice and what it reports for each file. Built by {@link
 * IngestPlanner} from small per-file statistics, before anything is written.
 */
public final class IngestPlan {
  /** What happens to a slice. */
  public enum SliceStatus {
    /** Replaced in one Delta commit by the rows of this run. */
    WRITTEN,
    /** Already holds exactly these files under this contract and costlake version: left as is. */
    UNCHANGED,
    /** Left as it was, because its input is incomplete or too much of it was rejected. */
    FAILED
  }

  /** The decision for one slice. */
  public static final class SliceDecision {
    private final SliceKey key;
    private final SliceStatus status;
    private final String fingerprint;
    private final List<String> files;
    private final long rows;
    private final BigDecimal billedCost;
    private final BigDecimal effectiveCost;
    private final String message;

    SliceDecision(
        SliceKey key,
        SliceStatus status,
        String fingerprint,
        List<String> files,
        long rows,
        BigDecimal billedCost,
        BigDecimal effectiveCost,
        String message) {
      this.key = key;
      this.status = status;
      this.fingerprint = fingerprint;
      this.files = List.copyOf(files);
      this.rows = rows;
      this.billedCost = billedCost;
      this.effectiveCost = effectiveCost;
      this.message = message;
    }

    public SliceKey key() {
      return key;
    }

    public SliceStatus status() {
      return status;
    }

    public String fingerprint() {
      return fingerprint;
    }

    public List<String> files() {
      return files;
    }

    /** Rows the slice holds when written (provider rows and derived rows). */
    public long rows() {
      return rows;
    }

    public BigDecimal billedCost() {
      return billedCost;
    }

    public BigDecimal effectiveCost() {
      return effectiveCost;
    }

    public Optional<String> message() {
      return Optional.ofNullable(message);
    }
  }

  /** The audit of one file: where each of its rows went. */
  public static final class FileOutcome {
    final String uri;
    String status = "WRITTEN";
    String message;

    /** True when the file itself is at fault, not only a slice it feeds. */
    boolean ownFailure;

    long rowsIn;
    long rowsWritten;
    long rowsQuarantined;
    long rowsDuplicate;
    long rowsOutOfScope;
    long rowsSuperseded;
    long rowsDerived;
    BigDecimal costIn = BigDecimal.ZERO;
    final java.util.SortedMap<String, BigDecimal> costWrittenByCurrency = new java.util.TreeMap<>();
    BigDecimal costQuarantined = BigDecimal.ZERO;
    BigDecimal costOutOfScope = BigDecimal.ZERO;
    BigDecimal costSuperseded = BigDecimal.ZERO;
    final java.util.SortedSet<String> periods = new java.util.TreeSet<>();

    FileOutcome(String uri) {
      this.uri = uri;
    }

    public String uri() {
      return uri;
    }

    public String status() {
      return status;
    }

    public Optional<String> message() {
      return Optional.ofNullable(message);
    }

    public long rowsIn() {
      return rowsIn;
    }

    public long rowsWritten() {
      return rowsWritten;
    }

    public long rowsQuarantined() {
      return rowsQuarantined;
    }

    /** Of {@link #rowsQuarantined}, copies of a record read already. */
    public long rowsDuplicate() {
      return rowsDuplicate;
    }

    public long rowsOutOfScope() {
      return rowsOutOfScope;
    }

    public long rowsSuperseded() {
      return rowsSuperseded;
    }

    public BigDecimal costSuperseded() {
      return costSuperseded;
    }

    public long rowsDerived() {
      return rowsDerived;
    }

    public BigDecimal costIn() {
      return costIn;
    }

    /**
     * {@link #costWritten()} per billing currency ("?" where none could be read): one file may bill
     * in more than one, and amounts in two currencies do not add up.
     */
    public java.util.SortedMap<String, BigDecimal> costWrittenByCurrency() {
      return java.util.Collections.unmodifiableSortedMap(costWrittenByCurrency);
    }

    public BigDecimal costWritten() {
      return costWrittenByCurrency.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal costQuarantined() {
      return costQuarantined;
    }

    public BigDecimal costOutOfScope() {
      return costOutOfScope;
    }

    public List<String> periods() {
      return new ArrayList<>(periods);
    }

    void fail(String why) {
      if (!"FAILED".equals(status)) {
        status = "FAILED";
        message = why;
      }
    }

    void failItself(String why) {
      fail(why);
      ownFailure = true;
    }
  }

  private final SortedMap<SliceKey, SliceDecision> slices;
  private final Map<String, FileOutcome> files;
  private final List<SourceFailure> sourceFailures;

  IngestPlan(
      Map<SliceKey, SliceDecision> slices,
      Map<String, FileOutcome> files,
      List<SourceFailure> sourceFailures) {
    this.slices = Collections.unmodifiableSortedMap(new TreeMap<>(slices));
    this.files = Collections.unmodifiableMap(files);
    this.sourceFailures = List.copyOf(sourceFailures);
  }

  public SortedMap<SliceKey, SliceDecision> slices() {
    return slices;
  }

  public Map<String, FileOutcome> files() {
    return files;
  }

  public List<SourceFailure> sourceFailures() {
    return sourceFailures;
  }

  public List<SliceKey> slicesWith(SliceStatus status) {
    return slices.values().stream()
        .filter(d -> d.status == status)
        .map(SliceDecision::key)
        .collect(Collectors.toList());
  }

  /** True when some input could not be ingested: the run must not report success. */
  public boolean hasFailures() {
    return !sourceFailures.isEmpty()
        || files.values().stream().anyMatch(f -> "FAILED".equals(f.status))
        || !slicesWith(SliceStatus.FAILED).isEmpty();
  }

  /** The first failure, in one line, for the run's exit message. */
  public Optional<String> firstFailure() {
    for (SourceFailure failure : sourceFailures) {
      return Optional.of(failure.message());
    }
    for (boolean own : new boolean[] {true, false}) {
      for (FileOutcome file : files.values()) {
        if ("FAILED".equals(file.status) && file.ownFailure == own) {
          return Optional.of(file.uri + ": " + file.message);
        }
      }
    }
    return slices.values().stream()
        .filter(d -> d.status == SliceStatus.FAILED)
        .findFirst()
        .map(d -> d.key + ": " + d.message);
  }

  /** Inputs at fault: unusable sources and files that could not be read or were mostly rejected. */
  public int failureCount() {
    return sourceFailures.size()
        + (int)
            files.values().stream().filter(f -> "FAILED".equals(f.status) && f.ownFailure).count();
  }
}
