package io.costlake.tasks;

import io.costlake.chargeback.FxRates;
import io.costlake.model.ColumnType;
import io.costlake.report.UsageRollup;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * usage_daily in {@code report.currency} too: one FX rate per (billing currency, day) from
 * chargeback's rate table (the one the invoices to owners use), and the days without a rate named,
 * since their converted amounts stay null rather than being guessed.
 */
final class ReportingCurrency {
  private static final StructType RATES =
      new StructType()
          .add("BillingCurrency", DataTypes.StringType, false)
          .add("day", DataTypes.DateType, false)
          .add("fx_rate", ColumnType.UNIT_PRICE.sparkType(), true)
          .add("fx_rate_date", DataTypes.StringType, true);

  private ReportingCurrency() {}

  static Dataset<Row> convert(JobContext context, Dataset<Row> daily, String currency) {
    FxRates fx = ChargebackInputs.fxRates(context, context.config().chargeback());
    // (currency, day) pairs: a few per day, so collecting them is cheap.
    List<Row> pairs = daily.select("BillingCurrency", "day").distinct().collectAsList();
    List<Row> rates = new ArrayList<>();
    Map<String, TreeMap<String, Integer>> missing = new TreeMap<>();
    for (Row pair : pairs) {
      String from = pair.getString(0);
      Date day = pair.getDate(1);
      FxRates.Rate rate = fx.rateOn(from, currency, day.toLocalDate());
      rates.add(
          RowFactory.create(
              from,
              day,
              rate == null ? null : rate.value(),
              rate == null ? null : rate.quotedFor()));
      if (rate == null) {
        missing.computeIfAbsent(from, k -> new TreeMap<>()).put(day.toString(), 1);
      }
    }
    missing.forEach(
        (from, days) ->
            context
                .out()
                .printf(
                    "report: no %s->%s rate quoted on or before %d day(s) from %s to %s: their"
                        + " reporting_ amounts are null; add rates to chargeback.fxRatesFile%n",
                    from, currency, days.size(), days.firstKey(), days.lastKey()));
    Dataset<Row> table = context.spark().createDataFrame(rates, RATES);
    return UsageRollup.inCurrency(daily, table, currency);
  }
}
