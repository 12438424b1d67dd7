package io.costlake.ingest;

import static io.costlake.model.FocusColumn.BilledCost;
import static io.costlake.model.FocusColumn.BillingAccountId;
import static io.costlake.model.FocusColumn.x_BillingPeriod;
import static io.costlake.model.FocusColumn.x_Provider;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.costlake.ingest.IngestPlan.SliceDecision;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The table is the truth: a slice whose files have not changed is left alone only when {@code
 * cost_line_items} still holds what those files give (its rows and billed cost). A slice someone
 * deleted or changed by hand, or whose audit was recorded without its rows, is ingested again.
 */
public final class TableCheck {
  private TableCheck() {}

  /** Rows and billed cost per slice, of the given slices only (partition-pruned). */
  public static Dataset<Row> totals(Dataset<Row> costLineItems, Collection<SliceKey> slices) {
    return costLineItems
        .filter(IngestFrames.sliceFilter(slices))
        .groupBy(x_Provider.col(), BillingAccountId.col(), x_BillingPeriod.col())
        .agg(count(lit(1)).as("rows"), sum(BilledCost.col()).as("billed"));
  }

  /**
   * The slices among {@code unchanged} whose table totals ({@link #totals}, collected) differ from
   * what the files give, each with a line saying how.
   */
  public static Map<SliceKey, String> disagreements(
      List<Row> totals, Collection<SliceDecision> unchanged) {
    Map<SliceKey, Row> inTable = new HashMap<>();
    for (Row row : totals) {
      inTable.put(new SliceKey(row.getString(0), row.getString(1), row.getString(2)), row);
    }
    Map<SliceKey, String> differ = new LinkedHashMap<>();
    for (SliceDecision decision : unchanged) {
      Row row = inTable.get(decision.key());
      long rows = row == null ? 0 : row.getLong(3);
      BigDecimal billed = row == null || row.isNullAt(4) ? BigDecimal.ZERO : row.getDecimal(4);
      if (rows != decision.rows() || billed.compareTo(decision.billedCost()) != 0) {
        differ.put(
            decision.key(),
            String.format(
                Locale.ROOT,
                "the table held %,d rows billing %s where its unchanged files give %,d billing %s",
                rows,
                billed.stripTrailingZeros().toPlainString(),
                decision.rows(),
                decision.billedCost().stripTrailingZeros().toPlainString()));
      }
    }
    return differ;
  }
}
