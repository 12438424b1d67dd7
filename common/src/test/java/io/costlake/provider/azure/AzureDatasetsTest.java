package io.costlake.provider.azure;

import static io.costlake.testing.Money.assertMoney;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.ingest.ExportPairs;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Actual and amortized exports of one scope: which rows are replaced, and do the two agree. */
class AzureDatasetsTest {
  private static final String SCOPE = "82431286|2025-10-01 00:00:00";

  private static AzureDatasets.FileSignal actual(String file, String scope, String uncovered) {
    return new AzureDatasets.FileSignal(file, scope, false, true, new BigDecimal(uncovered));
  }

  private static AzureDatasets.FileSignal amortized(String file, String scope, String uncovered) {
    return new AzureDatasets.FileSignal(file, scope, true, false, new BigDecimal(uncovered));
  }

  @Test
  void exportsThatBillTheUncoveredUsageAlikeMatch() {
    ExportPairs pairs =
        AzureDatasets.pairs(
            List.of(
                actual("s3a://b/actual/part_0.csv", SCOPE, "100.004"),
                amortized("s3a://b/amortized/part_0.csv", SCOPE, "60"),
                amortized("s3a://b/amortized/part_1.csv", SCOPE, "40")));
    assertEquals(Optional.of("MATCHED"), pairs.check("s3a://b/actual/part_0.csv"));
    assertEquals(Optional.of("MATCHED"), pairs.check("s3a://b/amortized/part_1.csv"));
    assertMoney("40", pairs.uncovered("s3a://b/amortized/part_1.csv").orElseThrow());
    assertEquals(List.of(), pairs.mismatches());
  }

  @Test
  void aPartialAmortizedExportIsNamedWithBothAmounts() {
    ExportPairs pairs =
        AzureDatasets.pairs(
            List.of(
                actual("actual/part_0.csv", SCOPE, "100"),
                amortized("amortized/part_0.csv", SCOPE, "87.5"),
                // Another scope with one view only: nothing to compare.
                actual("actual/part_0.csv", "other|2025-10-01", "5")));
    assertEquals(1, pairs.mismatches().size());
    String check = pairs.check("amortized/part_0.csv").orElseThrow();
    assertTrue(check.startsWith("MISMATCH: 82431286 2025-10:"), check);
    assertTrue(check.contains("100.00 in the actual export, 87.50 in the amortized"), check);
    assertTrue(check.contains("(difference 12.50)"), check);
    assertMoney("105", pairs.uncovered("actual/part_0.csv").orElseThrow());
  }

  @Test
  void aProviderWithOneViewHasNothingToCompare() {
    ExportPairs pairs = AzureDatasets.pairs(List.of(amortized("amortized/part_0.csv", SCOPE, "9")));
    assertEquals(Optional.empty(), pairs.check("amortized/part_0.csv"));
    assertEquals(List.of(), pairs.mismatches());
  }
}
