package io.costlake.ingest;

import io.costlake.ingest.IngestPlan.FileOutcome;
import io.costlake.ingest.IngestPlan.SliceDecision;
import io.costlake.ingest.IngestPlan.SliceStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides, from per-file statistics only, which slices an ingest run replaces. Pure: no Spark, no
 * I/O, so every rule below has a plain unit test.
 *
 * <ul>
 *   <li>A slice is replaced only when every file that may feed it was read to the end: a truncated
 *       or unreadable file, or a failed manifest, leaves the slices in its {@link FailureScope}
 *       unchanged.
 *   <li>A slice (or file) with more than {@code maxQuarantinedFraction} of its rows rejected is
 *       left unchanged, so a broken restatement cannot wipe a good month. Duplicate copies of a
 *       record are quarantined but do not count: an overlapping re-export is not a broken one.
 *   <li>A slice whose files, contract and costlake version match its last successful write is
 *       {@code UNCHANGED}: re-running an ingest leaves the table exactly as it was.
 *   <li>Rows of other billing periods than {@code --period} are out of scope: counted, not written.
 * </ul>
 */
public final class IngestPlanner {
  private final String provider;
  private final Optional<String> period;
  private final BigDecimal maxQuarantinedFraction;
  private final boolean skipUnchanged;
  private final String costlakeVersion;

  public IngestPlanner(
      String provider,
      Optional<String> period,
      BigDecimal maxQuarantinedFraction,
      boolean skipUnchanged,
      String costlakeVersion) {
    this.provider = provider;
    this.period = period;
    this.maxQuarantinedFraction = maxQuarantinedFraction;
    this.skipUnchanged = skipUnchanged;
    this.costlakeVersion = costlakeVersion;
  }

  /**
   * @param files the files discovery chose, with their manifest hints
   * @param records one per file read
   * @param stats grouped counts of the mapped rows
   * @param sourceFailures what discovery could not use
   * @param lastFingerprints per slice, the fingerprint of its last successful write
   */
  public IngestPlan plan(
      List<ExportFile> files,
      Map<String, FileRecord> records,
      List<SliceStat> stats,
      List<SourceFailure> sourceFailures,
      Map<SliceKey, String> lastFingerprints) {
    Planning planning = new Planning(files, records);
    planning.count(stats);
    planning.sliceUnreadFiles();
    planning.blockFailedSources(sourceFailures);
    planning.decide(lastFingerprints);
    planning.countWritten(stats);
    planning.markUnchanged();
    return new IngestPlan(planning.decisions, planning.outcomes, sourceFailures);
  }

  /** One plan in the making: what each file holds, and each slice's files, rows and cost. */
  private final class Planning {
    private final List<ExportFile> files;
    private final Map<String, FileRecord> records;
    private final Map<String, FileOutcome> outcomes = new LinkedHashMap<>();
    private final Map<SliceKey, SortedSet<String>> sliceFiles = new TreeMap<>();
    // {good export, bad export, derived, duplicate copies}
    private final Map<SliceKey, long[]> sliceRows = new HashMap<>();
    private final Map<SliceKey, BigDecimal[]> sliceCost = new HashMap<>(); // {billed, effective}
    private final Map<String, Set<SliceKey>> fileSlices = new HashMap<>();
    private final Map<SliceKey, String> blocked = new HashMap<>();
    private final Map<SliceKey, SliceDecision> decisions = new LinkedHashMap<>();

    Planning(List<ExportFile> files, Map<String, FileRecord> records) {
      this.files = files;
      this.records = records;
      for (ExportFile file : files) {
        FileOutcome outcome = new FileOutcome(file.uri());
        FileRecord record = records.get(file.uri());
        outcome.rowsIn = record == null ? 0 : record.rowsRead();
        outcomes.put(file.uri(), outcome);
      }
    }

    /** Every file's rows and cost per currency, and each slice's rows, cost and files. */
    void count(List<SliceStat> stats) {
      for (SliceStat stat : stats) {
        FileOutcome outcome = outcomes.computeIfAbsent(stat.sourceFile(), FileOutcome::new);
        stat.billingPeriod().ifPresent(outcome.periods::add);
        Optional<SliceKey> slice = stat.slice(provider);
        boolean inScope =
            slice.isEmpty()
                || period.isEmpty()
                || period.get().equals(slice.get().billingPeriod().toString());
        IngestPlan.CurrencyPart part = outcome.part(stat.currency());
        if (!stat.derived()) {
          part.rows += stat.rows();
          part.costIn = part.costIn.add(stat.costIn());
          part.costRounding = part.costRounding.add(stat.costRounding());
          part.rowsRounded += stat.rowsRounded();
        }
        if (!stat.good()) {
          if (!stat.derived()) {
            part.rowsQuarantined += stat.rows();
            part.costQuarantined = part.costQuarantined.add(stat.costIn());
            if (stat.duplicate()) {
              part.rowsDuplicate += stat.rows();
            }
          }
        } else if (stat.superseded()) {
          part.rowsSuperseded += stat.rows();
          part.costSuperseded = part.costSuperseded.add(stat.costIn());
          continue;
        } else if (!inScope) {
          if (!stat.derived()) {
            part.rowsOutOfScope += stat.rows();
            part.costOutOfScope = part.costOutOfScope.add(stat.costIn());
          }
          continue;
        }
        if (slice.isEmpty() || !inScope) {
          continue;
        }
        SliceKey key = slice.get();
        sliceFiles.computeIfAbsent(key, k -> new TreeSet<>()).add(stat.sourceFile());
        fileSlices.computeIfAbsent(stat.sourceFile(), k -> new HashSet<>()).add(key);
        long[] rows = sliceRows.computeIfAbsent(key, k -> new long[4]);
        BigDecimal[] cost =
            sliceCost.computeIfAbsent(
                key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        if (stat.derived()) {
          // A row derived from a quarantined record (its copy) is not written.
          rows[2] += stat.good() ? stat.rows() : 0;
        } else if (stat.good()) {
          rows[0] += stat.rows();
        } else if (stat.duplicate()) {
          rows[3] += stat.rows();
        } else {
          rows[1] += stat.rows();
        }
        if (stat.good()) {
          cost[0] = cost[0].add(stat.billedCost());
          cost[1] = cost[1].add(stat.effectiveCost());
        }
      }
    }

    /** A file that could not be read still names its slice through its manifest. */
    void sliceUnreadFiles() {
      for (ExportFile file : files) {
        FileRecord record = records.get(file.uri());
        if ((record == null || record.failed())
            && file.billingPeriod().isPresent()
            && file.billingAccountId().isPresent()
            && (period.isEmpty() || period.equals(file.billingPeriod()))) {
          SliceKey key =
              new SliceKey(provider, file.billingAccountId().get(), file.billingPeriod().get());
          sliceFiles.computeIfAbsent(key, k -> new TreeSet<>()).add(file.uri());
          fileSlices.computeIfAbsent(file.uri(), k -> new HashSet<>()).add(key);
          sliceRows.computeIfAbsent(key, k -> new long[4]);
          sliceCost.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        }
      }
    }

    /** Slices a failed file or an unusable source may hold rows of: they are not replaced. */
    void blockFailedSources(List<SourceFailure> sourceFailures) {
      Map<SliceKey, Set<String>> sliceSources = new HashMap<>();
      Map<String, ExportFile> byUri = new HashMap<>();
      files.forEach(f -> byUri.put(f.uri(), f));
      sliceFiles.forEach(
          (key, uris) -> {
            Set<String> sources = new HashSet<>();
            uris.stream()
                .map(byUri::get)
                .filter(f -> f != null)
                .forEach(f -> sources.add(f.source()));
            sliceSources.put(key, sources);
          });
      for (ExportFile file : files) {
        FileOutcome outcome = outcomes.get(file.uri());
        FileRecord record = records.get(file.uri());
        String why = null;
        boolean unread = true;
        if (record == null) {
          why = "the file was not read";
        } else if (record.failed()) {
          why = record.errorMessage().orElse(record.errorCode().orElse("unreadable"));
        } else if (exceeds(outcome.rowsQuarantined() - outcome.rowsDuplicate(), outcome.rowsIn)) {
          why =
              tooManyRejected(outcome.rowsQuarantined() - outcome.rowsDuplicate(), outcome.rowsIn);
          unread = false;
        }
        if (why == null) {
          continue;
        }
        outcome.failItself(why);
        String reason = "blocked by " + file.uri() + ": " + why;
        for (SliceKey key : fileSlices.getOrDefault(file.uri(), Set.of())) {
          blocked.putIfAbsent(key, reason);
        }
        // A file read to the end names all its slices itself; one that was not may hold more.
        if (unread) {
          block(FailureScope.of(file), sliceSources, reason, blocked);
        }
      }
      for (SourceFailure failure : sourceFailures) {
        block(failure.scope(), sliceSources, "blocked by " + failure.message(), blocked);
      }
    }

    /** Each slice written, unchanged or failed, with its fingerprint, rows and cost. */
    void decide(Map<SliceKey, String> lastFingerprints) {
      for (Map.Entry<SliceKey, SortedSet<String>> entry : sliceFiles.entrySet()) {
        SliceKey key = entry.getKey();
        long[] rows = sliceRows.get(key);
        BigDecimal[] cost = sliceCost.get(key);
        List<String> sliceFileList = new ArrayList<>(entry.getValue());
        String fingerprint = fingerprint(sliceFileList, records);
        SliceStatus status;
        String message = blocked.get(key);
        if (message != null) {
          status = SliceStatus.FAILED;
        } else if (exceeds(rows[1], rows[0] + rows[1])) {
          status = SliceStatus.FAILED;
          message = tooManyRejected(rows[1], rows[0] + rows[1]);
        } else if (skipUnchanged && fingerprint.equals(lastFingerprints.get(key))) {
          status = SliceStatus.UNCHANGED;
        } else {
          status = SliceStatus.WRITTEN;
        }
        decisions.put(
            key,
            new SliceDecision(
                key,
                status,
                fingerprint,
                sliceFileList,
                rows[0] + rows[2],
                cost[0],
                cost[1],
                message));
      }
    }

    /** What each file's written slices took of it; a failed slice fails its files. */
    void countWritten(List<SliceStat> stats) {
      for (SliceStat stat : stats) {
        Optional<SliceKey> slice = stat.slice(provider);
        if (!stat.good()
            || stat.superseded()
            || slice.isEmpty()
            || !decisions.containsKey(slice.get())) {
          continue;
        }
        SliceDecision decision = decisions.get(slice.get());
        FileOutcome outcome = outcomes.get(stat.sourceFile());
        if (decision.status() == SliceStatus.FAILED) {
          decision.message().ifPresent(outcome::fail);
          continue;
        }
        // Derived rows carry cost too (GCP promotional credits split from their usage row).
        IngestPlan.CurrencyPart part = outcome.part(stat.currency());
        if (stat.derived()) {
          part.rowsDerived += stat.rows();
        } else {
          part.rowsWritten += stat.rows();
        }
        part.costWritten = part.costWritten.add(stat.billedCost());
      }
    }

    /** A file whose every slice is unchanged is itself unchanged. */
    void markUnchanged() {
      for (Map.Entry<String, Set<SliceKey>> entry : fileSlices.entrySet()) {
        FileOutcome outcome = outcomes.get(entry.getKey());
        boolean allUnchanged =
            !entry.getValue().isEmpty()
                && entry.getValue().stream()
                    .allMatch(k -> decisions.get(k).status() == SliceStatus.UNCHANGED);
        if (allUnchanged && !"FAILED".equals(outcome.status)) {
          outcome.status = "UNCHANGED";
        }
      }
    }
  }

  private static void block(
      FailureScope scope,
      Map<SliceKey, Set<String>> sliceSources,
      String reason,
      Map<SliceKey, String> blocked) {
    sliceSources.forEach(
        (key, sources) -> {
          if (scope.covers(key, sources)) {
            blocked.putIfAbsent(key, reason);
          }
        });
  }

  private boolean exceeds(long rejected, long total) {
    if (rejected == 0 || total == 0) {
      return false;
    }
    BigDecimal fraction =
        BigDecimal.valueOf(rejected).divide(BigDecimal.valueOf(total), 6, RoundingMode.HALF_UP);
    return fraction.compareTo(maxQuarantinedFraction) > 0;
  }

  private String tooManyRejected(long rejected, long total) {
    BigDecimal percent =
        BigDecimal.valueOf(rejected * 100)
            .divide(BigDecimal.valueOf(total), 1, RoundingMode.HALF_UP);
    return String.format(
        Locale.ROOT,
        "%d of %d rows rejected (%s%%), more than ingest.maxQuarantinedFraction %s; see ingest_quarantine",
        rejected,
        total,
        percent.toPlainString(),
        maxQuarantinedFraction.toPlainString());
  }

  /**
   * SHA-256 over the slice's files (URI and content hash), their contracts and costlake's version.
   */
  String fingerprint(List<String> sortedFiles, Map<String, FileRecord> records) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    update(digest, "costlake " + costlakeVersion);
    for (String file : sortedFiles) {
      FileRecord record = records.get(file);
      update(digest, file);
      update(digest, record == null ? "-" : record.sha256().orElse("-"));
      update(digest, record == null ? "-" : record.contract());
    }
    StringBuilder hex = new StringBuilder();
    for (byte b : digest.digest()) {
      hex.append(String.format(Locale.ROOT, "%02x", b));
    }
    return hex.toString();
  }

  private static void update(MessageDigest digest, String value) {
    digest.update(value.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
  }
}
