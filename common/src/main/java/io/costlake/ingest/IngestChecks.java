package io.costlake.ingest;

import static io.costlake.model.FocusColumn.BillingAccountId;
import static io.costlake.model.FocusColumn.ChargePeriodStart;
import static io.costlake.model.FocusColumn.x_BillingPeriod;
import static io.costlake.model.FocusColumn.x_RecordHash;
import static io.costlake.model.FocusColumn.x_SourceFile;
import static io.costlake.model.FocusColumn.x_SourceRow;
import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Checks the ingest core applies to every provider's mapped rows, after the adapter's own: they
 * need the whole run (duplicates), the manifest (its account) or a rule no provider states (how far
 * a charge may lie from its billing period). Each adds a reason to {@link MappedFrame#ERRORS}, so
 * the row is quarantined with it, counted, never dropped.
 *
 * <ul>
 *   <li>{@code DUPLICATE_RECORD}: a record whose raw fields equal those of a record read before it
 *       (by file, then row): the same line twice in a file, or an overlapping re-export. The first
 *       copy is kept. Rows another file supersedes are not compared.
 *   <li>{@code ACCOUNT_MISMATCH}: a row of another billing account than the manifest that named its
 *       file says: an export copied under the wrong report would replace someone else's slice.
 *   <li>{@code CHARGE_OUTSIDE_PERIOD}: a charge starting more than {@code maxDaysOutsidePeriod}
 *       days before its billing period or after its end: a broken date, not a late refund.
 * </ul>
 */
public final class IngestChecks {
  public static final String DUPLICATE_RECORD = "DUPLICATE_RECORD";

  /** True on rows that copy an earlier record; read by the statistics. */
  public static final String DUPLICATE = "_duplicate";

  private static final String HASH = "_first_hash";
  private static final String FIRST = "_first_copy";

  private IngestChecks() {}

  /**
   * Per record hash that occurs more than once among the rows not superseded: the (file, row) of
   * its first copy. Empty for a clean export; the job caches it, since every pass over the mapped
   * rows joins it. Cost: one aggregation of the hashes.
   */
  public static Dataset<Row> repeatedRecords(Dataset<Row> all) {
    return all.filter(col(MappedFrame.SUPERSEDED).equalTo(lit(false)))
        .groupBy(x_RecordHash.col().as(HASH))
        .agg(count(lit(1)).as("copies"), min(firstCopyKey()).as(FIRST))
        .filter(col("copies").gt(1))
        .select(HASH, FIRST);
  }

  /**
   * The rows with the reasons above added, and {@link #DUPLICATE} set.
   *
   * @param repeated {@link #repeatedRecords} of the same rows, or null when it is empty (no join)
   * @param manifestAccounts per file a manifest named, the billing account it gave
   * @param maxDaysOutsidePeriod how far from its billing period a charge may start
   */
  public static Dataset<Row> apply(
      Dataset<Row> all,
      Dataset<Row> repeated,
      Map<String, String> manifestAccounts,
      int maxDaysOutsidePeriod) {
    Dataset<Row> joined =
        repeated == null
            ? all
            : all.join(
                repeated,
                x_RecordHash
                    .col()
                    .equalTo(col(HASH))
                    .and(col(MappedFrame.SUPERSEDED).equalTo(lit(false))),
                "left");
    Column duplicate =
        repeated == null
            ? lit(false)
            : col(FIRST).isNotNull().and(firstCopyKey().notEqual(col(FIRST)));
    Column expectedAccount = expectedAccount(manifestAccounts);
    Column periodStart = to_date(concat(x_BillingPeriod.col(), lit("-01")));
    Column earliest = date_sub(periodStart, maxDaysOutsidePeriod).cast("timestamp");
    Column latest = date_add(add_months(periodStart, 1), maxDaysOutsidePeriod).cast("timestamp");
    Column start = ChargePeriodStart.col();

    List<Parse.Reason> reasons = new ArrayList<>();
    if (repeated != null) {
      reasons.add(duplicateReason(duplicate));
    }
    reasons.add(
        Parse.errorWhen(
            expectedAccount.isNotNull().and(BillingAccountId.col().notEqual(expectedAccount)),
            BillingAccountId.name(),
            "ACCOUNT_MISMATCH",
            concat(
                lit("billing account "),
                BillingAccountId.col(),
                lit(" is not the account its manifest names ("),
                expectedAccount,
                lit(")")),
            BillingAccountId.col()));
    reasons.add(
        Parse.errorWhen(
            start.lt(earliest).or(start.geq(latest)),
            ChargePeriodStart.name(),
            "CHARGE_OUTSIDE_PERIOD",
            concat(
                lit("the charge starts "),
                start.cast("string"),
                lit(", more than " + maxDaysOutsidePeriod + " days outside billing period "),
                x_BillingPeriod.col()),
            start));
    String[] columns = all.columns();
    List<Column> out = new ArrayList<>();
    for (String name : columns) {
      out.add(
          name.equals(MappedFrame.ERRORS)
              ? concat(col(MappedFrame.ERRORS), Parse.errors(reasons)).as(MappedFrame.ERRORS)
              : col(name));
    }
    out.add(coalesce(duplicate, lit(false)).as(DUPLICATE));
    return joined.select(out.toArray(new Column[0]));
  }

  private static Parse.Reason duplicateReason(Column duplicate) {
    return Parse.errorWhen(
        duplicate,
        "(row)",
        DUPLICATE_RECORD,
        concat(
            lit("the same record as row "),
            col(FIRST).getField("row").cast("string"),
            lit(" of "),
            col(FIRST).getField("file")),
        x_RecordHash.col());
  }

  private static Column firstCopyKey() {
    return struct(x_SourceFile.col().as("file"), x_SourceRow.col().as("row"));
  }

  /** The manifest's account of each row's file: one IN list per account (Spark hashes them). */
  private static Column expectedAccount(Map<String, String> manifestAccounts) {
    Map<String, List<String>> filesByAccount = new TreeMap<>();
    manifestAccounts.forEach(
        (file, account) ->
            filesByAccount.computeIfAbsent(account, a -> new ArrayList<>()).add(file));
    Column expected = lit(null).cast("string");
    for (Map.Entry<String, List<String>> entry : filesByAccount.entrySet()) {
      expected =
          when(x_SourceFile.col().isin(entry.getValue().toArray()), lit(entry.getKey()))
              .otherwise(expected);
    }
    return expected;
  }
}
