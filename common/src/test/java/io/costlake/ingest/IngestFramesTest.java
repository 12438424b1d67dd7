package io.costlake.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class IngestFramesTest {
  @Test
  void slicePredicateNamesEverySliceOnce() {
    String predicate =
        IngestFrames.slicePredicate(
            List.of(new SliceKey("aws", "111", "2024-01"), new SliceKey("aws", "222", "2024-02")));
    assertEquals(
        "(x_Provider = 'aws' AND ((x_BillingPeriod = '2024-01' AND BillingAccountId = '111')"
            + " OR (x_BillingPeriod = '2024-02' AND BillingAccountId = '222')))",
        predicate);
  }

  @Test
  void quotesAreEscaped() {
    assertEquals("'it\\'s'", IngestFrames.quote("it's"));
    assertEquals("'a\\\\b'", IngestFrames.quote("a\\b"));
  }

  @Test
  void quarantinePredicateCoversFilesAndRewrittenSlices() {
    assertEquals(
        "provider = 'aws' AND (source_file IN ('file:/a') OR (billing_period = '2024-01' AND billing_account_id = '1'))",
        IngestFrames.quarantinePredicate(
            "aws", List.of("file:/a"), List.of(new SliceKey("aws", "1", "2024-01"))));
  }
}
