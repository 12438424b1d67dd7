package io.costlake.reconcile;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.costlake.model.ReconciliationColumn;
import io.costlake.model.Table;
import io.costlake.reconcile.Reconciliation.Finalization;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The Spark side of reconciliation: cost lines to the small {@link CostTotal} aggregate (one
 * aggregation, its size bounded by accounts x periods x invoices x categories x ingest runs), the
 * previous table to its finalizations, and results to rows of {@code invoice_reconciliation}.
 */
public final class ReconciliationFrames {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReconciliationFrames() {}

  public static Dataset<Row> costTotals(Dataset<Row> items) {
    return items
        .groupBy(
            col("x_Provider"),
            col("BillingAccountId"),
            col("x_BillingPeriod"),
            col("BillingCurrency"),
            col("InvoiceId"),
            col("ChargeCategory"))
        .agg(sum(col("BilledCost")).as("billed"));
  }

  public static List<CostTotal> costTotals(List<Row> aggregated) {
    List<CostTotal> totals = new ArrayList<>();
    for (Row r : aggregated) {
      totals.add(
          new CostTotal(
              r.getString(0),
              r.getString(1),
              r.getString(2),
              r.getString(3),
              r.getString(4),
              r.getString(5),
              r.getDecimal(6)));
    }
    return totals;
  }

  /** Slice costs per ingest run from {@code ingest_slices} rows (written or unchanged). */
  public static List<SliceCost> history(List<Row> slices) {
    List<SliceCost> out = new ArrayList<>();
    for (Row r : slices) {
      out.add(
          new SliceCost(
              r.getAs("provider"),
              r.getAs("billing_account_id"),
              r.getAs("billing_period"),
              ((Timestamp) r.getAs("recorded_at")).toInstant(),
              r.getAs("billed_cost")));
    }
    return out;
  }

  /** Finalizations recorded by earlier runs, by {@link Reconciler#finalizationKey}. */
  public static Map<String, Finalization> finalized(List<Row> previous) {
    Map<String, Finalization> out = new HashMap<>();
    for (Row r : previous) {
      if (!"final".equals(r.getAs("period_status"))) {
        continue;
      }
      out.put(
          Reconciler.finalizationKey(
              r.getAs("x_Provider"),
              r.getAs("BillingAccountId"),
              r.getAs("x_BillingPeriod"),
              r.getAs("invoice_id"),
              r.getAs("BillingCurrency")),
          new Finalization(
              ((Timestamp) r.getAs("finalized_at")).toInstant(),
              r.getAs("finalized_billed_cost"),
              detail(r.getAs("finalized_detail"))));
    }
    return out;
  }

  public static List<Row> rows(List<Reconciliation> results, Instant now) {
    List<Row> rows = new ArrayList<>();
    int columns = Table.INVOICE_RECONCILIATION.columns().length;
    for (Reconciliation r : results) {
      Map<ReconciliationColumn, Object> v = new LinkedHashMap<>();
      v.put(ReconciliationColumn.x_Provider, r.key.provider);
      v.put(ReconciliationColumn.x_BillingPeriod, r.key.period);
      v.put(ReconciliationColumn.BillingAccountId, r.key.account);
      v.put(ReconciliationColumn.invoice_id, r.invoiceId);
      v.put(ReconciliationColumn.BillingCurrency, r.currency);
      v.put(ReconciliationColumn.status, r.status.name());
      v.put(ReconciliationColumn.computed_billed_cost, r.computed);
      v.put(ReconciliationColumn.invoice_total, r.invoiceTotal);
      v.put(ReconciliationColumn.invoice_amount_before_tax, r.invoiceBeforeTax);
      v.put(ReconciliationColumn.invoice_tax, r.invoiceTax);
      BigDecimal delta = r.delta();
      v.put(ReconciliationColumn.delta, delta);
      v.put(
          ReconciliationColumn.delta_pct,
          delta == null || r.invoiceTotal.signum() == 0
              ? null
              : delta
                  .multiply(BigDecimal.valueOf(100))
                  .divide(r.invoiceTotal.abs(), 4, RoundingMode.HALF_UP));
      v.put(ReconciliationColumn.usage_cost, r.category("Usage"));
      v.put(ReconciliationColumn.purchase_cost, r.category("Purchase"));
      v.put(ReconciliationColumn.tax_cost, r.category("Tax"));
      v.put(ReconciliationColumn.credit_cost, r.category("Credit"));
      v.put(ReconciliationColumn.adjustment_cost, r.category("Adjustment"));
      v.put(
          ReconciliationColumn.tax_delta,
          r.invoiceTax == null ? null : r.category("Tax").subtract(r.invoiceTax));
      v.put(
          ReconciliationColumn.pretax_delta,
          r.invoiceBeforeTax == null
              ? null
              : r.computed.subtract(r.category("Tax")).subtract(r.invoiceBeforeTax));
      v.put(
          ReconciliationColumn.rounding_delta,
          r.computed.subtract(r.computed.setScale(2, RoundingMode.HALF_UP)));
      v.put(ReconciliationColumn.late_cost, r.lateCost);
      v.put(ReconciliationColumn.invoice_issued_at, timestamp(r.issuedAt));
      Finalization f = r.finalization;
      v.put(ReconciliationColumn.period_status, f == null ? "provisional" : "final");
      if (f != null) {
        v.put(ReconciliationColumn.finalized_at, timestamp(f.at));
        v.put(ReconciliationColumn.finalized_billed_cost, f.billed);
        v.put(ReconciliationColumn.finalization_drift, r.computed.subtract(f.billed));
        Map<String, BigDecimal> drift = Reconciler.drift(r.byCategory, f.detail());
        v.put(ReconciliationColumn.drift_detail, drift.isEmpty() ? null : json(drift));
        v.put(ReconciliationColumn.finalized_detail, json(f.detail()));
      }
      v.put(ReconciliationColumn.reconciled_at, timestamp(now));
      Object[] cells = new Object[columns];
      for (ReconciliationColumn c : ReconciliationColumn.values()) {
        cells[c.ordinal()] = v.get(c);
      }
      rows.add(RowFactory.create(cells));
    }
    return rows;
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static String json(Map<String, BigDecimal> amounts) {
    Map<String, String> plain = new TreeMap<>();
    amounts.forEach((k, v) -> plain.put(k, v.stripTrailingZeros().toPlainString()));
    try {
      return JSON.writeValueAsString(plain);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, BigDecimal> detail(String json) {
    Map<String, BigDecimal> out = new TreeMap<>();
    if (json == null) {
      return out;
    }
    try {
      JsonNode node = JSON.readTree(json);
      node.fields()
          .forEachRemaining(e -> out.put(e.getKey(), new BigDecimal(e.getValue().asText())));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("finalized_detail is not JSON: " + json, e);
    }
    return out;
  }
}
