package io.costlake.conformance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.split;

import io.costlake.model.FocusColumn;
import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The defects rows landed with ({@code x_DataQuality}): per provider and defect ({@code column:
 * REASON_CODE}), how many rows. A row with two defects counts under each.
 */
public final class DataQuality {
  public static final String PROVIDER = "provider";
  public static final String ISSUE = "issue";
  public static final String ROWS = "rows";

  private DataQuality() {}

  public static Dataset<Row> byIssue(Dataset<Row> items) {
    String column = FocusColumn.x_DataQuality.name();
    if (!Arrays.asList(items.columns()).contains(column)) {
      // A table written before the column existed: no row landed with a defect.
      return items
          .select(col(FocusColumn.x_Provider.name()).as(PROVIDER), lit("").as(ISSUE))
          .limit(0)
          .groupBy(PROVIDER, ISSUE)
          .agg(count(lit(1)).as(ROWS));
    }
    return items
        .filter(col(column).isNotNull())
        .select(
            col(FocusColumn.x_Provider.name()).as(PROVIDER),
            explode(split(col(column), "; ")).as(ISSUE))
        .groupBy(PROVIDER, ISSUE)
        .agg(count(lit(1)).as(ROWS))
        .orderBy(col(PROVIDER), col(ROWS).desc(), col(ISSUE));
  }
}
