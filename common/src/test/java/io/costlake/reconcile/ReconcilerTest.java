package io.costlake.reconcile;

import static io.costlake.testing.Money.assertMoney;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.errors.CostlakeException;
import io.costlake.model.ReconciliationColumn;
import io.costlake.reconcile.Reconciliation.Finalization;
import io.costlake.reconcile.Reconciliation.Status;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Reconciliation on plain values: every status, invoice ids, late data, finalization drift. */
class ReconcilerTest {
  private static final Instant ISSUED = Instant.parse("2025-10-03T00:00:00Z");
  private static final Instant BEFORE = Instant.parse("2025-10-01T06:00:00Z");
  private static final Instant AFTER = Instant.parse("2025-10-20T06:00:00Z");
  private static final Instant NOW = Instant.parse("2025-11-01T00:00:00Z");
  private final Reconciler reconciler =
      new Reconciler(new BigDecimal("0.5"), new BigDecimal("1.00"));

  private static CostTotal cost(String account, String invoiceId, String category, String billed) {
    return new CostTotal(
        "aws", account, "2025-09", "USD", invoiceId, category, new BigDecimal(billed));
  }

  private static Invoice invoice(String id, String account, String beforeTax, String tax) {
    BigDecimal b = new BigDecimal(beforeTax);
    BigDecimal t = new BigDecimal(tax);
    return new Invoice(id, "aws", account, "2025-09", "USD", b, t, b.add(t), ISSUED);
  }

  private Map<String, Reconciliation> byAccount(
      List<CostTotal> costs, List<Invoice> invoices, Map<String, Finalization> finalized) {
    return reconciler.reconcile(costs, invoices, List.of(), finalized, NOW).stream()
        .collect(Collectors.toMap(r -> r.account() + "/" + r.invoiceId(), r -> r));
  }

  @Test
  void everyStatusWithItsDelta() {
    List<CostTotal> costs = new ArrayList<>();
    costs.add(cost("exact", null, "Usage", "100.004")); // delta 0.004: MATCHED
    costs.add(cost("amount", null, "Usage", "10.90")); // 0.90 of 10: amount
    costs.add(cost("pct", null, "Usage", "10040")); // 40 of 10000: 0.4%
    costs.add(cost("off", null, "Usage", "96"));
    costs.add(cost("off", null, "Tax", "7")); // 103 against 110: 6.4%
    costs.add(cost("nobill", null, "Usage", "5"));
    List<Invoice> invoices =
        List.of(
            invoice("I-1", "exact", "100", "0"),
            invoice("I-2", "amount", "10", "0"),
            invoice("I-3", "pct", "10000", "0"),
            invoice("I-4", "off", "100", "10"),
            invoice("I-5", "nodata", "50", "0"));
    Map<String, Reconciliation> r = byAccount(costs, invoices, Map.of());
    assertEquals(Status.MATCHED, r.get("exact/I-1").status());
    assertEquals(Status.WITHIN_TOLERANCE, r.get("amount/I-2").status());
    assertEquals(Status.WITHIN_TOLERANCE, r.get("pct/I-3").status());
    Reconciliation off = r.get("off/I-4");
    assertEquals(Status.MISMATCH, off.status());
    assertMoney("-7", off.delta());
    assertEquals(Status.MISSING_INVOICE, r.get("nobill/null").status());
    assertNull(r.get("nobill/null").delta());
    assertEquals(Status.MISSING_DATA, r.get("nodata/I-5").status());

    // The delta explained: tax 7 against 10 (-3), the rest 96 against 100 (-4).
    Row row = ReconciliationFrames.rows(List.of(off), NOW).get(0);
    assertMoney("-3", row.get(ReconciliationColumn.tax_delta.ordinal()));
    assertMoney("-4", row.get(ReconciliationColumn.pretax_delta.ordinal()));
    assertMoney("-6.3636", row.get(ReconciliationColumn.delta_pct.ordinal()));
    assertEquals("provisional", row.get(ReconciliationColumn.period_status.ordinal()));
  }

  @Test
  void invoiceIdsInTheDataMatchEachInvoiceWithItsOwnLines() {
    List<CostTotal> costs =
        List.of(
            cost("A", "INV-1", "Usage", "40"),
            cost("A", "INV-2", "Usage", "60"),
            cost("A", "INV-9", "Usage", "3"));
    Map<String, Reconciliation> r =
        byAccount(
            costs,
            List.of(invoice("INV-1", "A", "40", "0"), invoice("INV-2", "A", "50", "0")),
            Map.of());
    assertEquals(3, r.size());
    assertEquals(Status.MATCHED, r.get("A/INV-1").status());
    assertEquals(Status.MISMATCH, r.get("A/INV-2").status());
    assertEquals(Status.MISSING_INVOICE, r.get("A/INV-9").status());

    // Without ids in the data, one account-period is one comparison against all its invoices.
    Map<String, Reconciliation> joined =
        byAccount(
            List.of(cost("A", null, "Usage", "90")),
            List.of(invoice("INV-1", "A", "40", "0"), invoice("INV-2", "A", "50", "0")),
            Map.of());
    assertEquals(Status.MATCHED, joined.get("A/INV-1+INV-2").status());
  }

  @Test
  void costThatArrivedAfterTheInvoiceIsCalledLate() {
    // Ingested at 100 before the invoice, restated to 102.50 after it.
    List<SliceCost> history =
        List.of(
            new SliceCost("aws", "A", "2025-09", BEFORE, new BigDecimal("100")),
            new SliceCost("aws", "A", "2025-09", AFTER, new BigDecimal("102.50")));
    Reconciliation r =
        reconciler
            .reconcile(
                List.of(cost("A", null, "Usage", "100"), cost("A", null, "Adjustment", "2.5")),
                List.of(invoice("I", "A", "100", "0")),
                history,
                Map.of(),
                NOW)
            .get(0);
    assertEquals(Status.MISMATCH, r.status());
    Row row = ReconciliationFrames.rows(List.of(r), NOW).get(0);
    // The whole delta arrived after the invoice was issued.
    assertMoney("2.5", row.get(ReconciliationColumn.delta.ordinal()));
    assertMoney("2.5", row.get(ReconciliationColumn.late_cost.ordinal()));
    assertMoney("2.5", row.get(ReconciliationColumn.adjustment_cost.ordinal()));
  }

  @Test
  void aMatchedPeriodBecomesFinalAndALaterRestatementIsDriftNotANewBaseline() {
    List<Invoice> bill = List.of(invoice("I", "A", "100", "7"));
    Reconciliation first =
        byAccount(
                List.of(cost("A", null, "Usage", "100"), cost("A", null, "Tax", "7")),
                bill,
                Map.of())
            .get("A/I");
    assertEquals(Status.MATCHED, first.status());
    Row firstRow = ReconciliationFrames.rows(List.of(first), NOW).get(0);
    assertEquals("final", firstRow.get(ReconciliationColumn.period_status.ordinal()));
    assertMoney("0", firstRow.get(ReconciliationColumn.finalization_drift.ordinal()));

    // The table's finalization read back, then the month restated: usage up by 12.
    Map<String, Finalization> finalized =
        ReconciliationFrames.finalized(List.of(asTableRow(firstRow)));
    Instant later = NOW.plusSeconds(86_400);
    Reconciliation again =
        reconciler
            .reconcile(
                List.of(cost("A", null, "Usage", "112"), cost("A", null, "Tax", "7")),
                bill,
                List.of(),
                finalized,
                later)
            .get(0);
    assertEquals(Status.MISMATCH, again.status());
    Row row = ReconciliationFrames.rows(List.of(again), later).get(0);
    assertEquals("final", row.get(ReconciliationColumn.period_status.ordinal()));
    assertMoney("107", row.get(ReconciliationColumn.finalized_billed_cost.ordinal()));
    assertMoney("12", row.get(ReconciliationColumn.finalization_drift.ordinal()));
    assertEquals("{\"Usage\":\"12\"}", row.get(ReconciliationColumn.drift_detail.ordinal()));
    assertEquals(
        java.sql.Timestamp.from(NOW), row.get(ReconciliationColumn.finalized_at.ordinal()));
  }

  /** A result row as the job reads it back from the table (field names available). */
  private static Row asTableRow(Row row) {
    return new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(
        toArray(row), io.costlake.model.Table.INVOICE_RECONCILIATION.schema());
  }

  private static Object[] toArray(Row row) {
    Object[] cells = new Object[row.size()];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = row.get(i);
    }
    return cells;
  }

  @Test
  void theInvoicesFileIsCsvOrJsonAndABadLineIsNamed() {
    String csv =
        String.join(
            "\n",
            "invoice_id,provider,billing_account_id,billing_period,currency,amount_before_tax,tax,total,issued_at",
            "I-1,AWS,111,2025-09,usd,10.00,0.70,10.70,2025-10-02",
            "I-2,gcp,222,2025-09,USD,5,0,,");
    List<Invoice> parsed = InvoiceFile.parse(csv, "inv.csv");
    assertEquals(
        List.of("I-1", "I-2"), parsed.stream().map(Invoice::id).collect(Collectors.toList()));
    assertEquals("aws", parsed.get(0).provider);
    assertEquals("USD", parsed.get(0).currency);
    assertMoney("5", parsed.get(1).total);
    assertEquals(Instant.parse("2025-10-02T00:00:00Z"), parsed.get(0).issuedAt);

    String json =
        "[{\"invoice_id\": \"J-1\", \"provider\": \"azure\", \"billing_account_id\":"
            + " \"333\", \"billing_period\": \"2025-10\", \"currency\": \"EUR\", \"amount_before_tax\":"
            + " 12.5, \"tax\": 0, \"issued_at\": \"2025-11-03T10:00:00Z\"}]";
    assertMoney("12.5", InvoiceFile.parse(json, "inv.json").get(0).total);

    Map<String, String> bad = new HashMap<>();
    bad.put(
        "I-1,aws,111,2025-09,USD,ten,0,,",
        "line 2 column amount_before_tax: 'ten' is not a number");
    bad.put(
        "I-1,aws,111,2025-9,USD,10,0,,", "line 2 column billing_period: '2025-9' is not yyyy-MM");
    bad.put(
        "I-1,aws,111,2025-09,USD,10,1,12,",
        "line 2 column total: 12 is not amount_before_tax + tax (11)");
    bad.put("I-1,aws,,2025-09,USD,10,1,,", "line 2 column billing_account_id is empty");
    for (Map.Entry<String, String> e : bad.entrySet()) {
      CostlakeException ex =
          assertThrows(
              CostlakeException.class,
              () -> InvoiceFile.parse(csv.split("\n")[0] + "\n" + e.getKey(), "inv.csv"));
      assertEquals("Cannot use inv.csv: " + e.getValue(), ex.getMessage());
    }
    CostlakeException twice =
        assertThrows(
            CostlakeException.class,
            () -> InvoiceFile.parse(csv + "\nI-1,aws,111,2025-10,USD,1,0,,", "inv.csv"));
    assertTrue(
        twice.getMessage().contains("line 4 column invoice_id: I-1 is also on line 2"),
        twice.getMessage());
  }

  private static String resource(String name) throws java.io.IOException {
    try (java.io.InputStream in = ReconcilerTest.class.getResourceAsStream("/invoices/" + name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  void awsInvoiceSummariesAreReadAsTheCliWritesThem() throws Exception {
    List<Invoice> invoices =
        InvoiceFile.parse(resource("aws-list-invoice-summaries.json"), "aws.json");
    assertEquals(2, invoices.size());
    Invoice invoice = invoices.get(0);
    assertEquals("2593771062", invoice.id);
    assertEquals("aws", invoice.provider);
    assertEquals("666385237404", invoice.billingAccountId);
    assertEquals("2025-10", invoice.billingPeriod);
    assertEquals("USD", invoice.currency); // the base currency the CUR is in, not the payment's
    assertMoney("19038.03", invoice.amountBeforeTax);
    assertMoney("1903.80", invoice.tax);
    assertMoney("20941.83", invoice.total);
    assertEquals(Instant.parse("2025-11-03T00:00:00Z"), invoice.issuedAt);
    // The credit memo: the API's epoch seconds, negative amounts.
    assertMoney("-1.10", invoices.get(1).tax);
    assertEquals(Instant.ofEpochSecond(1762128000), invoices.get(1).issuedAt);
  }

  @Test
  void azureInvoicesAreReadAsTheRestApiWritesThem() throws Exception {
    List<Invoice> invoices = InvoiceFile.parse(resource("azure-invoices-list.json"), "az.json");
    assertEquals(2, invoices.size());
    Invoice mca = invoices.get(0);
    assertEquals("G123456789", mca.id);
    assertEquals("azure", mca.provider);
    assertEquals("ABCD-EF12-GHI-JKL", mca.billingAccountId); // the profile, as MCA exports say
    assertEquals("2025-10", mca.billingPeriod);
    assertEquals("EUR", mca.currency);
    assertMoney("8924.80", mca.amountBeforeTax);
    assertMoney("1694.72", mca.tax);
    assertEquals(Instant.parse("2025-11-05T00:00:00Z"), mca.issuedAt);
    assertEquals("82431286", invoices.get(1).billingAccountId); // EA: the enrollment
    // The same invoices as az billing invoice list prints them: an array.
    String array =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(resource("azure-invoices-list.json"))
            .get("value")
            .toString();
    assertEquals(2, InvoiceFile.parse(array, "az.json").size());
  }

  @Test
  void aProviderListingWithoutAFieldNamesTheInvoice() {
    String json =
        "{\"InvoiceSummaries\": [{\"InvoiceId\": \"1\", \"AccountId\": \"1\","
            + " \"BillingPeriod\": {\"Year\": 2025, \"Month\": 10}}]}";
    io.costlake.errors.CostlakeException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            io.costlake.errors.CostlakeException.class, () -> InvoiceFile.parse(json, "aws.json"));
    assertTrue(
        e.getMessage().contains("aws.json") && e.getMessage().contains("line 1"), e.getMessage());
    assertTrue(e.getMessage().contains("currency"), e.getMessage());
  }

  @Test
  void invoicesOfSeveralFilesAreReadTogetherAndAnInvoiceInTwoIsNamed() throws Exception {
    Map<String, String> files = new HashMap<>();
    files.put("aws.json", resource("aws-list-invoice-summaries.json"));
    files.put("azure.json", resource("azure-invoices-list.json"));
    files.put("again.json", resource("aws-list-invoice-summaries.json"));
    assertEquals(4, InvoiceFile.parseAll(List.of("aws.json", "azure.json"), files::get).size());
    CostlakeException twice =
        assertThrows(
            CostlakeException.class,
            () -> InvoiceFile.parseAll(List.of("aws.json", "again.json"), files::get));
    assertTrue(twice.getMessage().contains("again.json"), twice.getMessage());
    assertTrue(twice.getMessage().contains("is also in aws.json"), twice.getMessage());
    // A config names them as a list, each resolved beside the YAML.
    List<String> configured =
        io.costlake.testing.Configs.yaml(
                "reconcile:", "  invoicesFile: [invoices-aws.json, 's3a://bucket/azure.json']")
            .reconcile()
            .invoicesFiles();
    assertEquals(2, configured.size());
    assertTrue(configured.get(0).endsWith("/invoices-aws.json"), configured.toString());
    assertTrue(!configured.get(0).equals("invoices-aws.json"), configured.toString());
    assertEquals("s3a://bucket/azure.json", configured.get(1));
  }
}
