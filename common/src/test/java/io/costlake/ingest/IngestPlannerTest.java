package io.costlake.ingest;

import static io.costlake.testing.Money.assertMoney;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.ingest.IngestPlan.FileOutcome;
import io.costlake.ingest.IngestPlan.SliceStatus;
import io.costlake.io.StoredFile;
import io.costlake.model.IngestRunColumn;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class IngestPlannerTest {
  private static final String A = "file:/cur/a.csv.gz";
  private static final String B = "file:/cur/b.csv.gz";
  private static final String SOURCE = "file:/cur";
  private static final SliceKey JAN = new SliceKey("aws", "111", "2024-01");
  private static final SliceKey FEB = new SliceKey("aws", "111", "2024-02");

  private final List<ExportFile> files = new ArrayList<>();
  private final Map<String, FileRecord> records = new HashMap<>();
  private final List<SliceStat> stats = new ArrayList<>();
  private final List<SourceFailure> failures = new ArrayList<>();
  private final Map<SliceKey, String> last = new HashMap<>();

  private IngestPlanner planner(Optional<String> period) {
    return new IngestPlanner("aws", period, new BigDecimal("0.10"), true, "1.0");
  }

  private IngestPlan plan() {
    return planner(Optional.empty()).plan(files, records, stats, failures, last);
  }

  private void file(String uri, String period, long rows) {
    files.add(
        new ExportFile(
            new StoredFile(uri, 10), ExportFile.Layout.CSV, SOURCE, null, null, period, null));
    records.put(
        uri, new FileRecord(uri, "aws-cur-1.0/v1", "sha-" + uri, 10L, rows, null, null, List.of()));
  }

  private void failedFile(String uri, String period, String code) {
    files.add(
        new ExportFile(
            new StoredFile(uri, 10), ExportFile.Layout.CSV, SOURCE, null, null, period, null));
    records.put(
        uri, new FileRecord(uri, "aws-cur-1.0/v1", null, 10L, 0, code, "it broke", List.of()));
  }

  private void good(String uri, SliceKey slice, long rows, String cost) {
    stats.add(
        new SliceStat(
            uri,
            slice.billingAccountId(),
            slice.billingPeriod().toString(),
            false,
            true,
            false,
            false,
            rows,
            new BigDecimal(cost),
            new BigDecimal(cost),
            new BigDecimal(cost),
            "USD"));
  }

  private void superseded(String uri, SliceKey slice, long rows, String cost) {
    stats.add(
        new SliceStat(
            uri,
            slice.billingAccountId(),
            slice.billingPeriod().toString(),
            false,
            true,
            true,
            false,
            rows,
            new BigDecimal(cost),
            new BigDecimal(cost),
            new BigDecimal(cost),
            "USD"));
  }

  private void bad(String uri, SliceKey slice, long rows, String cost) {
    stats.add(
        new SliceStat(
            uri,
            slice == null ? null : slice.billingAccountId(),
            slice == null ? null : slice.billingPeriod().toString(),
            false,
            false,
            false,
            false,
            rows,
            new BigDecimal(cost),
            null,
            null,
            "USD"));
  }

  private void derived(String uri, SliceKey slice, long rows, String effective) {
    stats.add(
        new SliceStat(
            uri,
            slice.billingAccountId(),
            slice.billingPeriod().toString(),
            true,
            true,
            false,
            false,
            rows,
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            new BigDecimal(effective),
            "USD"));
  }

  @Test
  void everyRowOfAFileIsWrittenQuarantinedOrOutOfScope() {
    file(A, null, 100);
    good(A, JAN, 98, "1000.0000000001");
    bad(A, JAN, 2, "3.5");
    derived(A, JAN, 4, "40");
    IngestPlan plan = plan();
    FileOutcome a = plan.files().get(A);
    assertEquals("WRITTEN", a.status());
    assertEquals(100, a.rowsIn());
    assertEquals(98, a.rowsWritten());
    assertEquals(2, a.rowsQuarantined());
    assertEquals(4, a.rowsDerived());
    assertEquals(a.rowsIn(), a.rowsWritten() + a.rowsQuarantined() + a.rowsOutOfScope());
    assertMoney("1003.5000000001", only(a).costIn());
    assertMoney("1000.0000000001", only(a).costWritten());
    assertMoney("3.5", only(a).costQuarantined());
    assertEquals(SliceStatus.WRITTEN, plan.slices().get(JAN).status());
    assertEquals(102, plan.slices().get(JAN).rows());
    assertMoney("1040.0000000001", plan.slices().get(JAN).effectiveCost());
    assertFalse(plan.hasFailures());
  }

  @Test
  void aRowDerivedFromAQuarantinedRecordIsNotCountedInItsSlice() {
    file(A, null, 100);
    good(A, JAN, 99, "2");
    bad(A, JAN, 1, "1");
    derived(A, JAN, 2, "5");
    // The copy's derived row: quarantined with its record, never written (found by verify).
    stats.add(
        new SliceStat(
            A,
            JAN.billingAccountId(),
            JAN.billingPeriod().toString(),
            true,
            false,
            false,
            true,
            1,
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            new BigDecimal("5"),
            "USD"));
    IngestPlan plan = plan();
    assertEquals(101, plan.slices().get(JAN).rows());
    assertEquals(2, plan.files().get(A).rowsDerived());
  }

  @Test
  void costWrittenIsAlsoKeptPerCurrencyForAFileBillingInTwo() {
    file(A, null, 3);
    for (String[] row : new String[][] {{"USD", "10.5"}, {"EUR", "3"}, {"USD", "1"}}) {
      BigDecimal cost = new BigDecimal(row[1]);
      stats.add(
          new SliceStat(
              A,
              JAN.billingAccountId(),
              JAN.billingPeriod().toString(),
              false,
              true,
              false,
              false,
              1,
              cost,
              cost,
              cost,
              row[0]));
    }
    FileOutcome a = plan().files().get(A);
    assertEquals(List.of("EUR", "USD"), List.copyOf(a.costWrittenByCurrency().keySet()));
    assertMoney("3", a.costWrittenByCurrency().get("EUR"));
    assertMoney("11.5", a.costWrittenByCurrency().get("USD"));
    // ingest_runs: one row per currency, each balancing on its own; rows_in sums to the file's.
    List<Row> runs =
        new IngestAudit("run-1", "aws", "test", null, null).runRows(plan(), files, records);
    assertEquals(2, runs.size());
    Row eur = runs.get(0);
    Row usd = runs.get(1);
    assertEquals("EUR", eur.get(IngestRunColumn.billing_currency.ordinal()));
    assertEquals("USD", usd.get(IngestRunColumn.billing_currency.ordinal()));
    assertEquals(1L, eur.get(IngestRunColumn.rows_in.ordinal()));
    assertEquals(2L, usd.get(IngestRunColumn.rows_in.ordinal()));
    assertMoney("3", (BigDecimal) eur.get(IngestRunColumn.cost_in.ordinal()));
    assertMoney("11.5", (BigDecimal) usd.get(IngestRunColumn.cost_in.ordinal()));
    assertMoney("11.5", (BigDecimal) usd.get(IngestRunColumn.cost_written.ordinal()));
  }

  @Test
  void roundingToTheTablesScaleIsReportedPerFileAndCurrency() {
    file(A, null, 400);
    // 200 amounts of 4E-11 round to 0, 200 of 5E-11 to 1E-10: the table holds 2E-8, the file
    // 1.8E-8.
    stats.add(
        new SliceStat(
            A,
            JAN.billingAccountId(),
            JAN.billingPeriod().toString(),
            false,
            true,
            false,
            false,
            400,
            new BigDecimal("2E-8"),
            new BigDecimal("2E-8"),
            new BigDecimal("2E-8"),
            "USD",
            new BigDecimal("2E-9"),
            400));
    FileOutcome a = plan().files().get(A);
    assertEquals(400, a.rowsRounded());
    assertMoney("2E-9", a.costRoundingByCurrency().get("USD"));
    Row run =
        new IngestAudit("run-1", "aws", "test", null, null).runRows(plan(), files, records).get(0);
    assertMoney("2E-9", (BigDecimal) run.get(IngestRunColumn.cost_rounding.ordinal()));
    assertEquals(400L, run.get(IngestRunColumn.rows_rounded.ordinal()));
  }

  /** The file's only currency part (USD in these tests). */
  private static IngestPlan.CurrencyPart only(FileOutcome file) {
    assertEquals(1, file.parts().size(), file.parts().toString());
    return file.parts().get(0);
  }

  @Test
  void supersededRowsAreCountedApartAndNeverWritten() {
    file(A, null, 10);
    good(A, JAN, 4, "4");
    superseded(A, JAN, 6, "6.5");
    IngestPlan plan = plan();
    FileOutcome a = plan.files().get(A);
    assertEquals(4, a.rowsWritten());
    assertEquals(6, a.rowsSuperseded());
    assertMoney("6.5", only(a).costSuperseded());
    assertEquals(
        a.rowsIn(),
        a.rowsWritten() + a.rowsQuarantined() + a.rowsOutOfScope() + a.rowsSuperseded());
    assertEquals(4, plan.slices().get(JAN).rows());
  }

  @Test
  void rowsOfOtherPeriodsAreOutOfScope() {
    file(A, null, 10);
    good(A, JAN, 6, "6");
    good(A, FEB, 4, "4");
    IngestPlan plan = planner(Optional.of("2024-02")).plan(files, records, stats, failures, last);
    assertEquals(List.of(FEB), plan.slicesWith(SliceStatus.WRITTEN));
    FileOutcome a = plan.files().get(A);
    assertEquals(4, a.rowsWritten());
    assertEquals(6, a.rowsOutOfScope());
    assertMoney("6", only(a).costOutOfScope());
    assertEquals(List.of("2024-01", "2024-02"), a.periods());
  }

  @Test
  void anUnreadableFileLeavesItsSlicesAsTheyWere() {
    file(A, "2024-01", 10);
    good(A, JAN, 10, "10");
    failedFile(B, "2024-01", "TRUNCATED_FILE");
    file("file:/cur/c.csv", "2024-02", 5);
    good("file:/cur/c.csv", FEB, 5, "5");
    IngestPlan plan = plan();
    assertEquals(SliceStatus.FAILED, plan.slices().get(JAN).status());
    assertTrue(
        plan.slices().get(JAN).message().get().contains(B), "names the file that blocked it");
    assertEquals(SliceStatus.WRITTEN, plan.slices().get(FEB).status());
    assertEquals("FAILED", plan.files().get(B).status());
    assertEquals("FAILED", plan.files().get(A).status(), "its rows were not written");
    assertEquals(0, plan.files().get(A).rowsWritten());
    assertTrue(plan.hasFailures());
    assertTrue(plan.firstFailure().get().startsWith(B), plan.firstFailure().get());
  }

  @Test
  void aSliceWithTooManyRejectedRowsIsLeftUnchanged() {
    file(A, null, 10);
    good(A, JAN, 8, "8");
    bad(A, JAN, 2, "2");
    IngestPlan plan = plan();
    assertEquals(SliceStatus.FAILED, plan.slices().get(JAN).status());
    assertTrue(
        plan.slices()
            .get(JAN)
            .message()
            .get()
            .contains(
                "2 of 10 rows rejected (20.0%), more than ingest.maxQuarantinedFraction 0.10"),
        plan.slices().get(JAN).message().get());
    assertEquals("FAILED", plan.files().get(A).status());
  }

  @Test
  void rejectedRowsWithoutASliceStillCountAgainstTheirFile() {
    file(A, null, 10);
    good(A, JAN, 5, "5");
    bad(A, null, 5, "0");
    IngestPlan plan = plan();
    assertEquals("FAILED", plan.files().get(A).status());
    assertEquals(SliceStatus.FAILED, plan.slices().get(JAN).status());
  }

  @Test
  void aSliceWhoseFilesAreUnchangedIsNotRewritten() {
    file(A, null, 10);
    good(A, JAN, 10, "10");
    IngestPlan first = plan();
    last.put(JAN, first.slices().get(JAN).fingerprint());
    IngestPlan second = plan();
    assertEquals(SliceStatus.UNCHANGED, second.slices().get(JAN).status());
    assertEquals("UNCHANGED", second.files().get(A).status());
    assertEquals(
        10, second.files().get(A).rowsWritten(), "the rows are in the table from the first run");

    records.put(
        A, new FileRecord(A, "aws-cur-1.0/v1", "another-sha", 10L, 10, null, null, List.of()));
    IngestPlan restated = plan();
    assertEquals(SliceStatus.WRITTEN, restated.slices().get(JAN).status());
    assertNotEquals(
        first.slices().get(JAN).fingerprint(), restated.slices().get(JAN).fingerprint());
  }

  @Test
  void theFingerprintDependsOnTheCostlakeVersion() {
    file(A, null, 10);
    good(A, JAN, 10, "10");
    String v1 = plan().slices().get(JAN).fingerprint();
    String v2 =
        new IngestPlanner("aws", Optional.empty(), new BigDecimal("0.10"), true, "2.0")
            .plan(files, records, stats, failures, last)
            .slices()
            .get(JAN)
            .fingerprint();
    assertNotEquals(v1, v2);
  }

  @Test
  void aFileUnreadableFromItsFirstByteStillFailsTheSliceItsManifestNames() {
    files.add(
        new ExportFile(
            new StoredFile(B, 10),
            ExportFile.Layout.CSV,
            SOURCE,
            "file:/m.json",
            "asm",
            "2024-01",
            "111"));
    records.put(
        B,
        new FileRecord(B, "aws-cur-1.0/v1", null, 10L, 0, "TRUNCATED_FILE", "it broke", List.of()));
    IngestPlan plan = plan();
    assertEquals(SliceStatus.FAILED, plan.slices().get(JAN).status());
    assertEquals(List.of(B), plan.slices().get(JAN).files());
  }

  @Test
  void aFailedManifestBlocksItsPeriod() {
    file(A, "2024-01", 10);
    good(A, JAN, 10, "10");
    failures.add(
        new SourceFailure(
            "file:/m.json",
            SOURCE,
            "MANIFEST_FILE_MISSING",
            "Cannot ingest file:/m.json: gone",
            "2024-01",
            null));
    IngestPlan plan = plan();
    assertEquals(SliceStatus.FAILED, plan.slices().get(JAN).status());
    assertEquals("Cannot ingest file:/m.json: gone", plan.firstFailure().get());
  }

  private void fileOf(String source, String uri, long rows) {
    files.add(new ExportFile(new StoredFile(uri, 10), ExportFile.Layout.CSV, source));
    records.put(
        uri, new FileRecord(uri, "aws-cur-1.0/v1", "sha-" + uri, 10L, rows, null, null, List.of()));
  }

  private void failedFileOf(String source, String uri) {
    files.add(new ExportFile(new StoredFile(uri, 10), ExportFile.Layout.CSV, source));
    records.put(
        uri,
        new FileRecord(
            uri, "aws-cur-1.0/v1", null, 10L, 0, "TRUNCATED_FILE", "it broke", List.of()));
  }

  @Test
  void anUnreadableFileWithoutAManifestHoldsUpEverySliceOfItsOwnSourceOnly() {
    SliceKey otherAccount = new SliceKey("aws", "222", "2024-02");
    fileOf("file:/one", "file:/one/a.csv", 10);
    good("file:/one/a.csv", JAN, 10, "10");
    fileOf("file:/one", "file:/one/c.csv", 5);
    good("file:/one/c.csv", otherAccount, 5, "5");
    failedFileOf("file:/one", "file:/one/broken.csv.gz");
    fileOf("file:/two", "file:/two/a.csv", 4);
    good("file:/two/a.csv", FEB, 4, "4");
    IngestPlan plan = plan();
    assertEquals(SliceStatus.FAILED, plan.slices().get(JAN).status(), "it may hold January rows");
    assertEquals(SliceStatus.FAILED, plan.slices().get(otherAccount).status());
    assertTrue(plan.slices().get(JAN).message().get().contains("file:/one/broken.csv.gz"));
    assertEquals(SliceStatus.WRITTEN, plan.slices().get(FEB).status(), "another export goes on");
    assertEquals("WRITTEN", plan.files().get("file:/two/a.csv").status());
  }

  @Test
  void aFailedManifestNamingItsAccountHoldsUpThatSliceAloneInEverySource() {
    SliceKey janOther = new SliceKey("aws", "222", "2024-01");
    fileOf("file:/one", "file:/one/a.csv", 10);
    good("file:/one/a.csv", janOther, 10, "10");
    fileOf("file:/two", "file:/two/a.csv", 10);
    good("file:/two/a.csv", JAN, 10, "10");
    failures.add(
        new SourceFailure(
            "file:/one/m.json",
            "file:/one",
            "MANIFEST_FILE_MISSING",
            "Cannot ingest file:/one/m.json: gone",
            "2024-01",
            "111"));
    IngestPlan plan = plan();
    assertEquals(SliceStatus.FAILED, plan.slices().get(JAN).status(), "account 111 of January");
    assertEquals(SliceStatus.WRITTEN, plan.slices().get(janOther).status());
  }

  @Test
  void aFileWithTooManyRejectedRowsHoldsUpOnlyTheSlicesItFeeds() {
    SliceKey otherAccount = new SliceKey("aws", "222", "2024-01");
    file(A, "2024-01", 10);
    good(A, JAN, 5, "5");
    bad(A, JAN, 5, "5");
    file(B, "2024-01", 10);
    good(B, otherAccount, 10, "10");
    IngestPlan plan = plan();
    assertEquals(SliceStatus.FAILED, plan.slices().get(JAN).status());
    assertEquals(SliceStatus.WRITTEN, plan.slices().get(otherAccount).status());
  }

  @Test
  void duplicateCopiesAreQuarantinedButDoNotCountAsRejected() {
    file(A, null, 20);
    good(A, JAN, 10, "10");
    stats.add(
        new SliceStat(
            A,
            JAN.billingAccountId(),
            JAN.billingPeriod().toString(),
            false,
            false,
            false,
            true,
            10,
            new BigDecimal("10"),
            null,
            null,
            "USD"));
    IngestPlan plan = plan();
    assertEquals(SliceStatus.WRITTEN, plan.slices().get(JAN).status(), "half the rows are copies");
    FileOutcome a = plan.files().get(A);
    assertEquals(10, a.rowsWritten());
    assertEquals(10, a.rowsQuarantined());
    assertEquals(10, a.rowsDuplicate());
    assertEquals(a.rowsIn(), a.rowsWritten() + a.rowsQuarantined());
    assertMoney("10", only(a).costQuarantined());
  }
}
