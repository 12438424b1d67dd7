package io.costlake.tasks;

import io.costlake.CostlakeVersion;
import io.costlake.errors.CostlakeErrors;
import io.costlake.ingest.AccountDirectory;
import io.costlake.ingest.AuditedSlices;
import io.costlake.ingest.Discovery;
import io.costlake.ingest.ExportFile;
import io.costlake.ingest.FileRecord;
import io.costlake.ingest.IngestAudit;
import io.costlake.ingest.IngestChecks;
import io.costlake.ingest.IngestFrames;
import io.costlake.ingest.IngestPlan;
import io.costlake.ingest.IngestPlan.SliceStatus;
import io.costlake.ingest.IngestPlanner;
import io.costlake.ingest.RawFrame;
import io.costlake.ingest.RunIds;
import io.costlake.ingest.SliceKey;
import io.costlake.ingest.SliceStat;
import io.costlake.ingest.TableCheck;
import io.costlake.io.SkippedFile;
import io.costlake.model.BillingPeriod;
import io.costlake.model.Table;
import io.costlake.provider.ProviderAdapter;
import io.costlake.spark.Warehouse;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.JavaConverters;

/** The work of {@code costlake ingest}, built from its options. */
public final class Ingestion implements Task<Ingestion.IngestSummary> {
  private static final Logger LOG = LoggerFactory.getLogger(Ingestion.class);
  private final ProviderAdapter adapter;
  private final List<String> sources;
  private final Optional<BillingPeriod> period;

  public Ingestion(ProviderAdapter adapter, List<String> sources, Optional<BillingPeriod> period) {
    this.adapter = adapter;
    this.sources = sources;
    this.period = period;
  }

  @Override
  public String name() {
    return "ingest";
  }

  /**
   * About 60,000 CUR lines gzipped. Not yet tuned: on 2 cores spreading paid for a one-file GCP
   * month and cost more than it saved for CUR parts (README, Performance).
   */
  private static final long STORED_BYTES_PER_TASK = 4L << 20;

  /**
   * Below this many stored bytes (about 60,000 CUR lines gzipped) the mapped rows are cached for
   * the duplicate check, the statistics, the write and the quarantine: planning and running the
   * mapping's hundreds of expressions four times costs a small export more than caching it; above,
   * the wide typed rows cost more to cache than to recompute (measured on 850k rows).
   */
  private static final long CACHE_MAPPED_BELOW_BYTES = 4L << 20;

  /**
   * Above this many stored bytes the parsed raw rows are cached on local disk only. In memory,
   * Spark builds a whole partition's cached batches on the heap before it finds they do not fit and
   * turns to disk: a one-file GCP month of 1M records (67 MB gzipped) built 1 GiB per partition and
   * ran a 2 GiB driver out of memory. From disk, the passes read back compact batches (the page
   * cache keeps them warm).
   */
  private static final long CACHE_RAW_IN_MEMORY_BELOW_BYTES = 32L << 20;

  /** Runs one ingest and returns what it did; used by {@code demo} too. */
  @Override
  public IngestSummary execute(JobContext context) {
    SparkSession spark = context.spark();
    Warehouse warehouse = context.warehouse();
    Instant start = context.clock().instant();
    String runId = RunIds.next(start);
    String provider = adapter.provider().id();
    spark.sparkContext().setJobGroup(runId, "costlake ingest " + provider + " " + runId, false);

    Discovery discovery =
        adapter.discover(context.hadoopConf(), sources, period.map(BillingPeriod::toString));
    List<ExportFile> files = discovery.files();
    AccountDirectory directory = accountDirectory(context, provider);
    if (files.isEmpty() && discovery.failures().isEmpty()) {
      throw CostlakeErrors.nothingToIngest(
          "no "
              + provider
              + " files"
              + period.map(p -> " for " + p).orElse("")
              + " under "
              + String.join(", ", sources));
    }
    Dataset<Row> raw =
        spread(adapter.read(spark, files), files, spark.sparkContext().defaultParallelism())
            .persist(
                storedBytes(files) < CACHE_RAW_IN_MEMORY_BELOW_BYTES
                    ? StorageLevel.MEMORY_AND_DISK()
                    : StorageLevel.DISK_ONLY());
    Dataset<Row> repeated = null;
    Dataset<Row> mapped = null;
    try {
      long started = System.nanoTime();
      Map<String, FileRecord> records = fileRecords(raw);
      LOG.info("{}: read {} files in {} ms", runId, records.size(), millisSince(started));
      // Big exports: the mapping is recomputed from the cached parse for the statistics and for
      // each write (see CACHE_MAPPED_BELOW_BYTES).
      Dataset<Row> rows = raw.filter(RawFrame.isRow());
      mapped = directory.fill(IngestFrames.union(adapter.map(rows), adapter.derive(rows)));
      if (storedBytes(files) <= CACHE_MAPPED_BELOW_BYTES) {
        mapped = mapped.persist(StorageLevel.MEMORY_AND_DISK());
      }
      long repeatedRecords = 0;
      if (context.config().ingest().quarantineDuplicates()) {
        started = System.nanoTime();
        // Usually empty: cached in as many partitions as there are cores, not one per shuffle
        // partition of the cluster (hundreds of empty tasks on every later read).
        repeated =
            IngestChecks.repeatedRecords(mapped)
                .coalesce(spark.sparkContext().defaultParallelism())
                .persist(StorageLevel.MEMORY_AND_DISK());
        // Counting fills the cache, so the joins below see its real (usually zero) size.
        repeatedRecords = repeated.count();
        LOG.info(
            "{}: {} records occur more than once, found in {} ms",
            runId,
            repeatedRecords,
            millisSince(started));
      }
      Dataset<Row> all =
          IngestChecks.apply(
              mapped,
              repeatedRecords == 0 ? null : repeated,
              manifestAccounts(files),
              context.config().ingest().maxDaysOutsidePeriod());
      started = System.nanoTime();
      List<SliceStat> stats = IngestFrames.collectStats(IngestFrames.stats(all));
      LOG.info("{}: mapped and counted the rows in {} ms", runId, millisSince(started));
      Planned planned =
          plan(context, provider, period, runId, files, records, stats, discovery, directory);
      IngestPlan plan = planned.plan;
      Map<SliceKey, String> notInTable = planned.notInTable;

      List<SliceKey> toWrite = plan.slicesWith(SliceStatus.WRITTEN);
      Long version = null;
      started = System.nanoTime();
      if (!toWrite.isEmpty()) {
        version =
            warehouse
                .writes()
                .replace(
                    Table.COST_LINE_ITEMS,
                    IngestFrames.rowsToWrite(all, toWrite, runId),
                    SliceKey.scope(toWrite),
                    "costlake ingest " + runId + ": " + describe(toWrite));
      }
      LOG.info("{}: wrote {} slices in {} ms", runId, toWrite.size(), millisSince(started));
      Instant end = context.clock().instant();
      IngestAudit audit =
          new IngestAudit(
              runId, provider, CostlakeVersion.get(), Timestamp.from(start), Timestamp.from(end));
      writeQuarantine(spark, warehouse, provider, plan, files, records, all, audit, runId, end);
      // ingest_slices last: it is what the next run trusts, so a kill before it leaves the slice
      // to be checked and written again (TableCheck), never an audit naming rows not there.
      warehouse
          .writes()
          .append(
              Table.INGEST_RUNS,
              spark.createDataFrame(
                  audit.runRows(plan, files, records, adapter.pairs()), Table.INGEST_RUNS.schema()),
              "costlake ingest " + runId);
      warehouse
          .writes()
          .append(
              Table.INGEST_SLICES,
              spark.createDataFrame(audit.sliceRows(plan, version), Table.INGEST_SLICES.schema()),
              "costlake ingest " + runId);
      return new IngestSummary(runId, provider, plan, discovery, version, period, notInTable)
          .withPairs(adapter.pairs());
    } finally {
      if (repeated != null) {
        repeated.unpersist();
      }
      if (mapped != null) {
        mapped.unpersist();
      }
      raw.unpersist();
      spark.sparkContext().clearJobGroup();
    }
  }

  /** The account names of {@code ingest.accountsFile} for {@code provider}; none without one. */
  static AccountDirectory accountDirectory(JobContext context, String provider) {
    String file = context.config().ingest().accountsFile();
    return file == null
        ? AccountDirectory.none()
        : AccountDirectory.parse(context.readLines(file), file, provider);
  }

  /** A plan, and the slices the table no longer holds as its audit says (planned again). */
  private static final class Planned {
    final IngestPlan plan;
    final Map<SliceKey, String> notInTable;

    Planned(IngestPlan plan, Map<SliceKey, String> notInTable) {
      this.plan = plan;
      this.notInTable = notInTable;
    }
  }

  /**
   * Plans each slice against the last audited fingerprints; a slice whose rows are not in the table
   * as its audit says is planned again without its fingerprint, so it is written.
   */
  private static Planned plan(
      JobContext context,
      String provider,
      Optional<BillingPeriod> period,
      String runId,
      List<ExportFile> files,
      Map<String, FileRecord> records,
      List<SliceStat> stats,
      Discovery discovery,
      AccountDirectory directory) {
    Warehouse warehouse = context.warehouse();
    IngestPlanner planner =
        new IngestPlanner(
            provider,
            period.map(BillingPeriod::toString),
            context.config().ingest().maxQuarantinedFraction(),
            context.config().ingest().skipUnchangedSlices(),
            CostlakeVersion.get() + directory.fingerprint());
    Map<SliceKey, AuditedSlices.Audited> audited = audited(warehouse, provider);
    Map<SliceKey, String> fingerprints = new HashMap<>();
    audited.forEach((slice, record) -> fingerprints.put(slice, record.fingerprint()));
    IngestPlan plan = planner.plan(files, records, stats, discovery.failures(), fingerprints);
    Map<SliceKey, String> notInTable = notInTable(warehouse, plan, audited);
    if (!notInTable.isEmpty()) {
      notInTable.forEach(
          (slice, why) -> LOG.warn("{}: {} is ingested again: {}", runId, slice, why));
      fingerprints.keySet().removeAll(notInTable.keySet());
      plan = planner.plan(files, records, stats, discovery.failures(), fingerprints);
    }
    return new Planned(plan, notInTable);
  }

  /**
   * Readers make one task per file (gzip cannot be split, and one task knows a file's row numbers
   * and checksum), so a month in one big file would be mapped and written by one core. When the
   * input is big enough to pay for a shuffle, its rows are spread over the cores before they are
   * cached, by file and row number (deterministic, so a retried task gets the same rows).
   */
  public static Dataset<Row> spread(Dataset<Row> raw, List<ExportFile> files, int cores) {
    long bytes = storedBytes(files);
    int tasks = (int) Math.min(cores, bytes / STORED_BYTES_PER_TASK);
    if (tasks <= raw.javaRDD().getNumPartitions()) {
      return raw;
    }
    return raw.repartition(
        tasks, functions.col(RawFrame.SOURCE_FILE), functions.col(RawFrame.SOURCE_ROW));
  }

  private static long storedBytes(List<ExportFile> files) {
    return files.stream().mapToLong(f -> f.file().bytes()).sum();
  }

  /** Per file a CUR manifest named, the payer account it says the file bills. */
  private static Map<String, String> manifestAccounts(List<ExportFile> files) {
    Map<String, String> accounts = new HashMap<>();
    for (ExportFile file : files) {
      file.billingAccountId().ifPresent(account -> accounts.put(file.uri(), account));
    }
    return accounts;
  }

  private static void writeQuarantine(
      SparkSession spark,
      Warehouse warehouse,
      String provider,
      IngestPlan plan,
      List<ExportFile> files,
      Map<String, FileRecord> records,
      Dataset<Row> all,
      IngestAudit audit,
      String runId,
      Instant end) {
    // Files that only feed unchanged slices keep the quarantine rows of the run that wrote them.
    Set<String> rewritten = new LinkedHashSet<>();
    for (ExportFile file : files) {
      if (!"UNCHANGED".equals(plan.files().get(file.uri()).status())) {
        rewritten.add(file.uri());
      }
    }
    plan.sourceFailures().forEach(f -> rewritten.add(f.uri()));
    List<SliceKey> written = plan.slicesWith(SliceStatus.WRITTEN);
    if (rewritten.isEmpty() && written.isEmpty()) {
      return;
    }
    Dataset<Row> rows =
        IngestFrames.quarantine(all, rewritten, runId, Timestamp.from(end))
            .unionByName(
                spark.createDataFrame(
                    audit.fileQuarantineRows(plan, files, records),
                    Table.INGEST_QUARANTINE.schema()));
    warehouse
        .writes()
        .replace(
            Table.INGEST_QUARANTINE,
            rows,
            IngestFrames.quarantineScope(provider, rewritten, written),
            "costlake ingest " + runId);
  }

  private static Map<String, FileRecord> fileRecords(Dataset<Row> raw) {
    Map<String, FileRecord> records = new HashMap<>();
    List<Row> rows =
        raw.filter(RawFrame.isFile())
            .select(
                RawFrame.SOURCE_FILE,
                RawFrame.CONTRACT,
                RawFrame.FILE_SHA256,
                RawFrame.FILE_BYTES,
                RawFrame.ROWS_READ,
                RawFrame.FILE_ERROR_CODE,
                RawFrame.FILE_ERROR_MESSAGE,
                RawFrame.UNKNOWN_COLUMNS)
            .collectAsList();
    for (Row r : rows) {
      List<String> unknown =
          r.isNullAt(7) ? List.of() : JavaConverters.seqAsJavaList(r.<String>getSeq(7));
      records.put(
          r.getString(0),
          new FileRecord(
              r.getString(0),
              r.getString(1),
              r.getString(2),
              r.isNullAt(3) ? null : r.getLong(3),
              r.isNullAt(4) ? 0L : r.getLong(4),
              r.getString(5),
              r.getString(6),
              unknown));
    }
    return records;
  }

  /** The slices the plan leaves unchanged that the table does not hold as their files give. */
  private static Map<SliceKey, String> notInTable(
      Warehouse warehouse, IngestPlan plan, Map<SliceKey, AuditedSlices.Audited> audited) {
    List<IngestPlan.SliceDecision> unchanged =
        plan.slices().values().stream()
            .filter(d -> d.status() == SliceStatus.UNCHANGED)
            .collect(Collectors.toList());
    if (unchanged.isEmpty()) {
      return Map.of();
    }
    List<SliceKey> keys =
        unchanged.stream().map(IngestPlan.SliceDecision::key).collect(Collectors.toList());
    return TableCheck.disagreements(
        TableCheck.totals(warehouse.read(Table.COST_LINE_ITEMS), keys).collectAsList(),
        unchanged,
        audited);
  }

  /** What ingest_slices records of this provider's slices (empty before the first ingest). */
  public static Map<SliceKey, AuditedSlices.Audited> audited(Warehouse warehouse, String provider) {
    if (!warehouse.exists(Table.COST_LINE_ITEMS) || !warehouse.exists(Table.INGEST_SLICES)) {
      return Map.of();
    }
    return AuditedSlices.latest(
        AuditedSlices.records(warehouse.read(Table.INGEST_SLICES), provider).collectAsList());
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  private static String describe(List<SliceKey> slices) {
    return slices.size() <= 3
        ? slices.stream().map(SliceKey::toString).collect(Collectors.joining(", "))
        : slices.size() + " slices";
  }

  private static final int IGNORED_NAMED_PER_REASON = 5;

  /** What one ingest did, printed for the user. */
  public static final class IngestSummary implements Outcome {
    final String runId;
    final String provider;
    final IngestPlan plan;
    final Discovery discovery;
    final Long tableVersion;
    final Optional<BillingPeriod> period;
    final Map<SliceKey, String> notInTable;
    private io.costlake.ingest.ExportPairs pairs = io.costlake.ingest.ExportPairs.none();

    IngestSummary withPairs(io.costlake.ingest.ExportPairs found) {
      this.pairs = found;
      return this;
    }

    IngestSummary(
        String runId,
        String provider,
        IngestPlan plan,
        Discovery discovery,
        Long tableVersion,
        Optional<BillingPeriod> period,
        Map<SliceKey, String> notInTable) {
      this.notInTable = notInTable;
      this.runId = runId;
      this.period = period;
      this.provider = provider;
      this.plan = plan;
      this.discovery = discovery;
      this.tableVersion = tableVersion;
    }

    /**
     * Exit code 1, one line, when any file or slice could not be ingested, or when a requested
     * period has no rows at all (its export has not arrived: the scheduler should retry).
     */
    public void failIfIncomplete() {
      if (!plan.hasFailures() && period.isPresent() && plan.slices().isEmpty()) {
        long elsewhere = plan.files().values().stream().mapToLong(f -> f.rowsOutOfScope()).sum();
        throw CostlakeErrors.nothingToIngest(
            String.format(
                Locale.ROOT,
                "no rows of %s in the files read (%,d rows of other periods)",
                period.get(),
                elsewhere));
      }
      if (plan.hasFailures()) {
        throw CostlakeErrors.ingestFailed(
            plan.failureCount(),
            plan.slicesWith(SliceStatus.FAILED).size(),
            plan.firstFailure().orElse("unknown"));
      }
    }

    /** Rows read from the files, whatever became of them. */
    public long rowsRead() {
      return plan.files().values().stream().mapToLong(IngestPlan.FileOutcome::rowsIn).sum();
    }

    /** The run per file and per slice, as {@link #print} writes it. */
    @Override
    public String summary() {
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      print(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
      return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    public void print(java.io.PrintStream out) {
      long rowsIn = 0;
      long written = 0;
      long derived = 0;
      long quarantined = 0;
      long outOfScope = 0;
      long superseded = 0;
      java.util.SortedMap<String, BigDecimal> costWritten = new java.util.TreeMap<>();
      java.util.SortedMap<String, BigDecimal> rounding = new java.util.TreeMap<>();
      long rowsRounded = 0;
      for (IngestPlan.FileOutcome f : plan.files().values()) {
        rowsIn += f.rowsIn();
        written += f.rowsWritten();
        derived += f.rowsDerived();
        quarantined += f.rowsQuarantined();
        outOfScope += f.rowsOutOfScope();
        superseded += f.rowsSuperseded();
        f.costWrittenByCurrency().forEach((c, v) -> costWritten.merge(c, v, BigDecimal::add));
        f.costRoundingByCurrency().forEach((c, v) -> rounding.merge(c, v, BigDecimal::add));
        rowsRounded += f.rowsRounded();
      }
      out.printf(Locale.ROOT, "ingest %s: run %s%n", provider, runId);
      out.printf(
          Locale.ROOT,
          "  files    %d read%s%n",
          plan.files().size(),
          discovery.ignored().isEmpty() ? "" : ", " + discovery.ignored().size() + " not read");
      printIgnored(out);
      notInTable.forEach(
          (slice, why) -> out.println("  again    " + slice + " (files unchanged): " + why));
      out.printf(
          Locale.ROOT,
          "  slices   %d written, %d unchanged, %d failed%s%n",
          plan.slicesWith(SliceStatus.WRITTEN).size(),
          plan.slicesWith(SliceStatus.UNCHANGED).size(),
          plan.slicesWith(SliceStatus.FAILED).size(),
          tableVersion == null ? "" : " (cost_line_items version " + tableVersion + ")");
      out.printf(
          Locale.ROOT,
          "  rows     %,d read: %,d in the table, %,d quarantined, %,d out of scope%s; %,d derived%n",
          rowsIn,
          written,
          quarantined,
          outOfScope,
          superseded > 0
              ? String.format(
                  Locale.ROOT,
                  ", %,d superseded (actual cost the amortized export replaces)",
                  superseded)
              : "",
          derived);
      out.printf(
          Locale.ROOT,
          "  billed   %s in the table from these files%n",
          costWritten.isEmpty() ? "0" : perCurrency(costWritten));
      for (io.costlake.ingest.ExportPairs.Scope mismatch : pairs.mismatches()) {
        out.println(
            "  MISMATCH actual and amortized exports of "
                + mismatch.describe()
                + ": one is partial or of another scope; the table bills from the amortized"
                + " export, the actual export's total is its files' cost_in in ingest_runs");
      }
      if (rowsRounded > 0) {
        out.printf(
            Locale.ROOT,
            "  rounded  %,d amounts have more than 10 decimal places: rounding them added %s"
                + " (per file in ingest_runs.cost_rounding)%n",
            rowsRounded,
            rounding.isEmpty() ? "nothing in sum" : perCurrency(rounding));
      }
      List<String> problems = new ArrayList<>();
      plan.sourceFailures().forEach(f -> problems.add(f.message()));
      plan.files().values().stream()
          .filter(f -> "FAILED".equals(f.status()))
          .forEach(f -> problems.add(f.uri() + ": " + f.message().orElse("failed")));
      for (String problem : problems) {
        out.println("  FAILED   " + problem);
      }
    }

    /** "12.5 EUR, 3 USD": amounts in two currencies side by side, never added. */
    private static String perCurrency(Map<String, BigDecimal> amounts) {
      return amounts.entrySet().stream()
          .map(e -> e.getValue().stripTrailingZeros().toPlainString() + " " + e.getKey())
          .collect(Collectors.joining(", "));
    }

    /**
     * Every file not read, by name and reason; past a few of one reason (a bucket of old
     * assemblies), their number, with every name in the log.
     */
    private void printIgnored(java.io.PrintStream out) {
      Map<String, List<String>> byReason = new java.util.TreeMap<>();
      for (SkippedFile file : discovery.ignored()) {
        byReason.computeIfAbsent(file.reason(), r -> new ArrayList<>()).add(file.uri());
        LOG.info("{}: not read: {}", runId, file);
      }
      byReason.forEach(
          (reason, uris) -> {
            uris.stream()
                .limit(IGNORED_NAMED_PER_REASON)
                .forEach(uri -> out.println("  not read " + uri + ": " + reason));
            if (uris.size() > IGNORED_NAMED_PER_REASON) {
              out.printf(
                  Locale.ROOT,
                  "  not read %,d more: %s (every name is in the log)%n",
                  uris.size() - IGNORED_NAMED_PER_REASON,
                  reason);
            }
          });
    }
  }
}
