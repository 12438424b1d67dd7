package io.costlake.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.errors.CostlakeException;
import io.costlake.testing.FocusRows;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class AccountDirectoryTest {
  private static final List<String> DIRECTORY =
      List.of(
          "account_id,name,owner,provider,note",
          "A,Acme payer,platform,aws,",
          "A-1,\"Shop, production\",web,,",
          "A-2,,data-eng,,an owner without a name",
          "A-3,Analytics (GCP only),,gcp,");

  @Test
  void fillsNamesTheExportLeavesEmptyAndKeepsTheExportsOwn() {
    AccountDirectory directory = AccountDirectory.parse(DIRECTORY, "conf/accounts.csv", "aws");
    List<Row> rows =
        directory
            .fill(
                new FocusRows()
                    .add("SubAccountId", "A-1")
                    .add("SubAccountId", "A-2")
                    .add("SubAccountId", "A-3")
                    .add("SubAccountId", "A-1", "SubAccountName", "named by the export")
                    .frame())
            .orderBy("x_SourceRow")
            .collectAsList();
    Map<Long, String> subNames =
        rows.stream()
            .collect(
                Collectors.toMap(
                    r -> r.<Long>getAs("x_SourceRow"),
                    r -> String.valueOf(r.<String>getAs("SubAccountName"))));
    assertEquals(
        Map.of(1L, "Shop, production", 2L, "null", 3L, "null", 4L, "named by the export"),
        subNames);
    assertTrue(rows.stream().allMatch(r -> "Acme payer".equals(r.getAs("BillingAccountName"))));
  }

  @Test
  void aRowForAnotherProviderIsNotUsedAndARenameChangesTheFingerprint() {
    AccountDirectory gcp = AccountDirectory.parse(DIRECTORY, "f", "gcp");
    Row row = gcp.fill(new FocusRows().add("SubAccountId", "A-3").frame()).first();
    assertEquals("Analytics (GCP only)", row.getAs("SubAccountName"));
    assertNull(row.getAs("BillingAccountName"));
    assertEquals("", AccountDirectory.none().fingerprint());
    assertNotEquals(
        gcp.fingerprint(),
        AccountDirectory.parse(List.of("account_id,name,provider", "A-3,Analytics,gcp"), "f", "gcp")
            .fingerprint());
  }

  @Test
  void aBadDirectoryIsNamedWithItsLine() {
    CostlakeException twoNames =
        assertThrows(
            CostlakeException.class,
            () ->
                AccountDirectory.parse(
                    List.of("account_id,name", "A,Acme", "A,Acme Inc"),
                    "conf/accounts.csv",
                    "aws"));
    assertEquals(
        "Cannot use conf/accounts.csv: line 3 column name: account A is named twice ('Acme',"
            + " 'Acme Inc')",
        twoNames.getMessage());
    CostlakeException noHeader =
        assertThrows(
            CostlakeException.class,
            () -> AccountDirectory.parse(List.of("id,owner", "A,web"), "conf/accounts.csv", "aws"));
    assertTrue(noHeader.getMessage().contains("account_id and name"), noHeader.getMessage());
  }
}
