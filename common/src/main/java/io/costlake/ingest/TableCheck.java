package io.costlake.ingest;

import static io.costlake.model.FocusColumn.BilledCost;
import static io.costlake.model.FocusColumn.BillingAccountId;
import static io.costlake.model.FocusColumn.x_BillingPeriod;
import static io.costlake.model.FocusColumn.x_IngestRunId;
import static io.costlake.model.FocusColumn.x_Provider;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.costlake.ingest.AuditedSlices.Audited;
import io.costlake.ingest.IngestPlan.SliceDecision;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The table is the truth: a slice whose files have not changed is left alone only when {@code
 * cost_line_items} still holds what those files give (its rows and billed cost). A slice someone
 * deleted or changed by hand, whose audit was recorded without its rows, or whose rows a run wrote
 * that was killed before it recorded them, is ingested again.
 */
public final class TableCheck {
  private TableCheck() {}

  /** Rows and billed cost per slice, of the given slices only (partition-pruned). */
  public static Dataset<Row> totals(Dataset<Row> costLineItems, Collection<SliceKey> slices) {
    return totals(costLineItems.filter(SliceKey.scope(slices).column()));
  }

  /**
   * Per slice: provider, billing account, period, rows, billed cost and the runs whose rows it
   * holds (one, when every write went through ingest).
   */
  public static Dataset<Row> totals(Dataset<Row> costLineItems) {
    return costLineItems
        .groupBy(x_Provider.col(), BillingAccountId.col(), x_BillingPeriod.col())
        .agg(
            count(lit(1)).as("rows"),
            sum(BilledCost.col()).as("billed"),
            collect_set(x_IngestRunId.col()).as("runs"));
  }

  /** The run ids of a {@link #totals} row, sorted. */
  public static Set<String> runs(Row total) {
    return total.isNullAt(5)
        ? Set.of()
        : new TreeSet<>(scala.collection.JavaConverters.seqAsJavaList(total.<String>getSeq(5)));
  }

  /**
   * Why a slice's rows are not the ones its audit records as written: empty when the slice holds
   * exactly the rows of the run that recorded writing them.
   */
  public static Optional<String> unrecordedRuns(Set<String> runs, Optional<String> writer) {
    Set<String> others = new TreeSet<>(runs);
    writer.ifPresent(others::remove);
    if (others.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "the table holds rows of run "
            + String.join(", ", others)
            + ", which recorded no audit of them (interrupted after its write, or written"
            + " outside ingest)");
  }

  /**
   * The slices among {@code unchanged} whose table totals ({@link #totals}, collected) differ from
   * what the files give, each with a line saying how.
   */
  public static Map<SliceKey, String> disagreements(
      List<Row> totals, Collection<SliceDecision> unchanged, Map<SliceKey, Audited> audited) {
    Map<SliceKey, Row> inTable = new HashMap<>();
    for (Row row : totals) {
      inTable.put(new SliceKey(row.getString(0), row.getString(1), row.getString(2)), row);
    }
    Map<SliceKey, String> differ = new LinkedHashMap<>();
    for (SliceDecision decision : unchanged) {
      Row row = inTable.get(decision.key());
      long rows = row == null ? 0 : row.getLong(3);
      BigDecimal billed = row == null || row.isNullAt(4) ? BigDecimal.ZERO : row.getDecimal(4);
      Optional<String> unrecorded =
          row == null
              ? Optional.empty()
              : unrecordedRuns(
                  runs(row),
                  Optional.ofNullable(audited.get(decision.key())).flatMap(Audited::writerRunId));
      if (unrecorded.isPresent()) {
        differ.put(decision.key(), unrecorded.get());
        continue;
      }
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
