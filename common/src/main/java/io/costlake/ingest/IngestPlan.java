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

  /**
   * Where one file's rows of one billing currency went: amounts in two currencies never add up, so
   * each file is audited per currency (nearly always one).
   */
  public static final class CurrencyPart {
    final String currency;
    long rows;
    long rowsWritten;
    long rowsQuarantined;
    long rowsDuplicate;
    long rowsOutOfScope;
    long rowsSuperseded;
    long rowsDerived;
    long rowsRounded;
    BigDecimal costIn = BigDecimal.ZERO;
    BigDecimal costWritten = BigDecimal.ZERO;
    BigDecimal costQuarantined = BigDecimal.ZERO;
    BigDecimal costOutOfScope = BigDecimal.ZERO;
    BigDecimal costSuperseded = BigDecimal.ZERO;
    BigDecimal costRounding = BigDecimal.ZERO;

    CurrencyPart(String currency) {
      this.currency = currency;
    }

    /** The billing currency; empty for rows whose currency could not be read. */
    public Optional<String> currency() {
      return Optional.ofNullable(currency);
    }

    /** Provider rows of this currency (derived rows are not read from the file). */
    public long rows() {
      return rows;
    }

    public long rowsWritten() {
      return rowsWritten;
    }

    public long rowsQuarantined() {
      return rowsQuarantined;
    }

    public long rowsDuplicate() {
      return rowsDuplicate;
    }

    public long rowsOutOfScope() {
      return rowsOutOfScope;
    }

    public long rowsSuperseded() {
      return rowsSuperseded;
    }

    public long rowsDerived() {
      return rowsDerived;
    }

    /** Rows whose billed cost had more decimal places than the table keeps. */
    public long rowsRounded() {
      return rowsRounded;
    }

    public BigDecimal costIn() {
      return costIn;
    }

    public BigDecimal costWritten() {
      return costWritten;
    }

    public BigDecimal costQuarantined() {
      return costQuarantined;
    }

    public BigDecimal costOutOfScope() {
      return costOutOfScope;
    }

    public BigDecimal costSuperseded() {
      return costSuperseded;
    }

    /** {@link #costIn()} minus the same amounts to 24 decimals: what rounding them added. */
    public BigDecimal costRounding() {
      return costRounding;
    }
  }

  /** The audit of one file: where each of its rows went, per billing currency. */
  public static final class FileOutcome {
    final String uri;
    String status = "WRITTEN";
    String message;

    /** True when the file itself is at fault, not only a slice it feeds. */
    boolean ownFailure;

    long rowsIn;
    private final SortedMap<String, CurrencyPart> parts =
        new TreeMap<>(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
    final java.util.SortedSet<String> periods = new java.util.TreeSet<>();

    FileOutcome(String uri) {
      this.uri = uri;
    }

    CurrencyPart part(Optional<String> currency) {
      return parts.computeIfAbsent(currency.orElse(null), CurrencyPart::new);
    }

    /** One per billing currency of the file's rows, in order; empty when no row was read. */
    public List<CurrencyPart> parts() {
      return List.copyOf(parts.values());
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

    /** Data rows the reader counted in the file. */
    public long rowsIn() {
      return rowsIn;
    }

    public long rowsWritten() {
      return sum(CurrencyPart::rowsWritten);
    }

    public long rowsQuarantined() {
      return sum(CurrencyPart::rowsQuarantined);
    }

    /** Of {@link #rowsQuarantined}, copies of a record read already. */
    public long rowsDuplicate() {
      return sum(CurrencyPart::rowsDuplicate);
    }

    public long rowsOutOfScope() {
      return sum(CurrencyPart::rowsOutOfScope);
    }

    public long rowsSuperseded() {
      return sum(CurrencyPart::rowsSuperseded);
    }

    public long rowsDerived() {
      return sum(CurrencyPart::rowsDerived);
    }

    private long sum(java.util.function.ToLongFunction<CurrencyPart> rows) {
      return parts.values().stream().mapToLong(rows).sum();
    }

    /** Billed cost written, per billing currency ("?" where none could be read). */
    public SortedMap<String, BigDecimal> costWrittenByCurrency() {
      return byCurrency(CurrencyPart::costWritten);
    }

    /** What rounding to the table's scale added, per billing currency, where it added anything. */
    public SortedMap<String, BigDecimal> costRoundingByCurrency() {
      SortedMap<String, BigDecimal> rounding = byCurrency(CurrencyPart::costRounding);
      rounding.values().removeIf(v -> v.signum() == 0);
      return rounding;
    }

    private SortedMap<String, BigDecimal> byCurrency(
        java.util.function.Function<CurrencyPart, BigDecimal> amount) {
      SortedMap<String, BigDecimal> sums = new TreeMap<>();
      parts
          .values()
          .forEach(p -> sums.merge(p.currency().orElse("?"), amount.apply(p), BigDecimal::add));
      return sums;
    }

    public long rowsRounded() {
      return sum(CurrencyPart::rowsRounded);
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
