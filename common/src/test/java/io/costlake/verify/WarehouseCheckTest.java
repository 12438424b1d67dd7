package io.costlake.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.ingest.AuditedSlices;
import io.costlake.ingest.AuditedSlices.Audited;
import io.costlake.ingest.SliceKey;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import scala.collection.JavaConverters;

class WarehouseCheckTest {
  private static final SliceKey OCT = new SliceKey("aws", "111", "2025-10");
  private static final SliceKey NOV = new SliceKey("aws", "111", "2025-11");

  @Test
  void theLatestRecordGivesTotalsAndTheLastWrittenOneTheWriter() {
    Map<SliceKey, Audited> latest =
        AuditedSlices.latest(
            List.of(
                record(OCT, "f1", 10, "5.00", "r1", 3L, "WRITTEN", 1),
                record(OCT, "f2", 12, "6.00", "r2", 7L, "WRITTEN", 2),
                record(OCT, "f2", 12, "6.00", "r3", null, "UNCHANGED", 3)));
    Audited oct = latest.get(OCT);
    assertEquals("f2", oct.fingerprint());
    assertEquals(12, oct.rows());
    assertEquals(0, new BigDecimal("6").compareTo(oct.billedCost()));
    assertEquals(Optional.of("r2"), oct.writerRunId());
    assertEquals(Optional.of(7L), oct.writerVersion());
  }

  @Test
  void aSliceAsRecordedBreaksNothing() {
    List<Finding> findings =
        WarehouseCheck.findings(
            List.of(total(OCT, 12, "6.00", "r2")),
            Map.of(OCT, audited(OCT, 12, "6.000", "r2", 7L)),
            Set.of("r2"),
            List.of(RowFactory.create("aws", "r2", 3L)));
    assertEquals(List.of(), findings);
  }

  @Test
  void rowsOfAKilledRunAreUnrecordedAndRestoreToTheLastRecordedWrite() {
    List<Finding> findings =
        WarehouseCheck.findings(
            List.of(total(OCT, 12, "6.00", "r9")),
            Map.of(OCT, audited(OCT, 12, "6.00", "r2", 7L)),
            Set.of("r2"),
            List.of(RowFactory.create("aws", "r9", 3L)));
    assertEquals(2, findings.size(), findings.toString());
    assertEquals(Finding.Kind.UNRECORDED_ROWS, findings.get(0).kind());
    assertTrue(findings.get(0).message().contains("run r9"), findings.get(0).message());
    assertEquals(Optional.of(7L), findings.get(0).restoreVersion());
    assertEquals(Finding.Kind.QUARANTINE_UNRECORDED, findings.get(1).kind());
    assertEquals(Optional.of("r9"), findings.get(1).runId());
  }

  @Test
  void aChangedSliceAMissingSliceAndRowsNoIngestRecordedAreEachNamed() {
    SliceKey dec = new SliceKey("gcp", "222", "2025-12");
    List<Finding> findings =
        WarehouseCheck.findings(
            List.of(total(OCT, 11, "6.00", "r2"), total(dec, 4, "1", "r5")),
            Map.of(
                OCT, audited(OCT, 12, "6.00", "r2", 7L),
                NOV, audited(NOV, 3, "2.00", "r2", 7L)),
            Set.of("r2", "r5"),
            List.of());
    assertEquals(3, findings.size(), findings.toString());
    assertEquals(Finding.Kind.SLICE_DIFFERS, findings.get(0).kind());
    assertTrue(findings.get(0).message().contains("11 rows billing 6 where"), findings.toString());
    assertEquals(Finding.Kind.SLICE_MISSING, findings.get(1).kind());
    assertEquals(Optional.of(NOV), findings.get(1).slice());
    assertEquals(Finding.Kind.UNRECORDED_ROWS, findings.get(2).kind());
    assertEquals(Optional.empty(), findings.get(2).restoreVersion());
  }

  @Test
  void aWriterWithoutRecordedFilesIsNamed() {
    List<Finding> findings =
        WarehouseCheck.findings(
            List.of(total(OCT, 12, "6", "r2")),
            Map.of(OCT, audited(OCT, 12, "6", "r2", 7L)),
            Set.of(),
            List.of());
    assertEquals(1, findings.size(), findings.toString());
    assertEquals(Finding.Kind.RUN_WITHOUT_FILES, findings.get(0).kind());
  }

  private static Row record(
      SliceKey k,
      String fingerprint,
      long rows,
      String billed,
      String run,
      Long version,
      String status,
      long second) {
    return RowFactory.create(
        k.provider(),
        k.billingAccountId(),
        k.billingPeriod().toString(),
        fingerprint,
        rows,
        new BigDecimal(billed),
        run,
        version,
        status,
        new Timestamp(second * 1000));
  }

  private static Audited audited(SliceKey k, long rows, String billed, String run, Long version) {
    return new Audited(k, "fp", rows, new BigDecimal(billed), run, version);
  }

  private static Row total(SliceKey k, long rows, String billed, String... runs) {
    return RowFactory.create(
        k.provider(),
        k.billingAccountId(),
        k.billingPeriod().toString(),
        rows,
        new BigDecimal(billed),
        JavaConverters.asScalaBuffer(List.of(runs)).toSeq());
  }
}
