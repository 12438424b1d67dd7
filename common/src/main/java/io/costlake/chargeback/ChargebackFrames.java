package io.costlake.chargeback;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.costlake.model.ChargebackInvoiceColumn;
import io.costlake.model.ChargebackLineColumn;
import io.costlake.model.Schemas;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The Spark side of chargeback: cost_allocated to owner costs (one aggregation, one row per owner,
 * period, service, unit and currency), earlier invoices to opening credit balances, results to
 * rows.
 */
public final class ChargebackFrames {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ChargebackFrames() {}

  public static Dataset<Row> ownerCosts(Dataset<Row> allocated) {
    return allocated
        .groupBy(
            col("owner"),
            col("x_BillingPeriod"),
            col("ServiceName"),
            col("ConsumedUnit"),
            col("BillingCurrency"))
        .agg(sum(col("ConsumedQuantity")).as("quantity"), sum(col("EffectiveCost")).as("cost"));
  }

  public static List<OwnerCost> ownerCosts(List<Row> aggregated) {
    List<OwnerCost> out = new ArrayList<>();
    for (Row r : aggregated) {
      out.add(
          new OwnerCost(
              r.getString(0),
              r.getString(1),
              r.getString(2),
              r.getString(3),
              r.getDecimal(5),
              r.getString(4),
              r.getDecimal(6)));
    }
    return out;
  }

  /** Each credit's balance (profile|credit) after the latest invoice of each profile given. */
  public static Map<String, BigDecimal> creditBalances(List<Row> invoices) {
    Map<String, String> latestPeriod = new TreeMap<>();
    Map<String, BigDecimal> balances = new TreeMap<>();
    for (Row r : invoices) {
      String profile = r.getAs("profile_id");
      String period = r.getAs("x_BillingPeriod");
      if (latestPeriod.containsKey(profile) && latestPeriod.get(profile).compareTo(period) > 0) {
        continue;
      }
      latestPeriod.put(profile, period);
      balances.keySet().removeIf(k -> k.startsWith(profile + "|"));
      try {
        JSON.readTree((String) r.getAs("credit_balances"))
            .fields()
            .forEachRemaining(
                e ->
                    balances.put(
                        profile + "|" + e.getKey(), new BigDecimal(e.getValue().asText())));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("credit_balances is not JSON", e);
      }
    }
    return balances;
  }

  public static List<Row> lineRows(List<ChargebackLine> lines) {
    List<Row> rows = new ArrayList<>();
    for (ChargebackLine l : lines) {
      Map<ChargebackLineColumn, Object> v = new EnumMap<>(ChargebackLineColumn.class);
      v.put(ChargebackLineColumn.x_BillingPeriod, l.period);
      v.put(ChargebackLineColumn.owner, l.owner);
      v.put(ChargebackLineColumn.ServiceName, l.service);
      v.put(ChargebackLineColumn.ConsumedUnit, l.unit);
      v.put(ChargebackLineColumn.quantity, l.quantity);
      v.put(ChargebackLineColumn.profile_id, l.profileId);
      v.put(ChargebackLineColumn.profile_version, (long) l.profileVersion);
      v.put(ChargebackLineColumn.source_currency, l.sourceCurrency);
      v.put(ChargebackLineColumn.billing_currency, l.billingCurrency);
      v.put(ChargebackLineColumn.fx_rate, l.fxRate);
      v.put(ChargebackLineColumn.fx_rate_date, l.fxRateDate);
      v.put(ChargebackLineColumn.source_cost, l.sourceCost);
      v.put(ChargebackLineColumn.base_cost, l.base);
      v.put(ChargebackLineColumn.markup, l.markup);
      v.put(ChargebackLineColumn.discount, l.discount);
      v.put(ChargebackLineColumn.volume_discount, l.volumeDiscount);
      v.put(ChargebackLineColumn.credit, l.credit);
      v.put(ChargebackLineColumn.tax, l.tax);
      v.put(ChargebackLineColumn.amount, l.amount);
      v.put(ChargebackLineColumn.amount_rounded, l.amountRounded);
      rows.add(Schemas.row(v, ChargebackLineColumn.values().length));
    }
    return rows;
  }

  public static List<Row> invoiceRows(List<ChargebackInvoice> invoices, Instant now) {
    List<Row> rows = new ArrayList<>();
    for (ChargebackInvoice i : invoices) {
      Map<ChargebackInvoiceColumn, Object> v = new EnumMap<>(ChargebackInvoiceColumn.class);
      v.put(ChargebackInvoiceColumn.x_BillingPeriod, i.period);
      v.put(ChargebackInvoiceColumn.profile_id, i.profileId);
      v.put(ChargebackInvoiceColumn.profile_version, (long) i.profileVersion);
      v.put(ChargebackInvoiceColumn.owners, json(i.owners));
      v.put(ChargebackInvoiceColumn.billing_currency, i.currency);
      v.put(ChargebackInvoiceColumn.subtotal, i.subtotal);
      v.put(ChargebackInvoiceColumn.credit_applied, i.creditApplied);
      v.put(ChargebackInvoiceColumn.credit_balance, i.creditBalanceAfter);
      Map<String, String> balances = new TreeMap<>();
      i.creditBalances.forEach((k, b) -> balances.put(k, b.toPlainString()));
      v.put(ChargebackInvoiceColumn.credit_balances, json(balances));
      v.put(ChargebackInvoiceColumn.tax, i.tax);
      v.put(ChargebackInvoiceColumn.total_exact, i.totalExact);
      v.put(ChargebackInvoiceColumn.total, i.total);
      v.put(ChargebackInvoiceColumn.rounding_residual, i.roundingResidual);
      v.put(ChargebackInvoiceColumn.line_count, (long) i.lines);
      v.put(ChargebackInvoiceColumn.priced_at, Timestamp.from(now));
      rows.add(Schemas.row(v, ChargebackInvoiceColumn.values().length));
    }
    return rows;
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
