package io.costlake.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Columns that depend on one map column only (tags, cost categories), computed once per distinct
 * map and joined back to the rows. Worth it for expressions Spark runs interpreted, row by row
 * (higher-order functions over the map's entries), since rows far outnumber the maps they carry: a
 * resource's lines share its tags. A map's key is its entries sorted, so equal maps are one key;
 * the distinct maps are one small shuffle, and the join back is broadcast when they are few. A
 * struct of such keys is never null, so lines without the map share one key too.
 */
public final class PerDistinctMap {
  private static final String KEY = "__map_key";
  private static final String JOINED_KEY = "__map_key_joined";

  private PerDistinctMap() {}

  /**
   * @param compute given one row per distinct map (the map column alone), adds {@code outputs} (and
   *     may replace the map column, when it is one of them)
   * @return {@code rows} with their columns in order, the map column replaced when it is an output,
   *     then the other outputs
   */
  public static Dataset<Row> apply(
      Dataset<Row> rows, String mapColumn, UnaryOperator<Dataset<Row>> compute, String... outputs) {
    return apply(rows, List.of(mapColumn), compute, outputs);
  }

  /**
   * The same for what depends on several map columns: once per distinct combination of them (one
   * shuffle and one join, however many maps).
   */
  public static Dataset<Row> apply(
      Dataset<Row> rows,
      List<String> mapColumns,
      UnaryOperator<Dataset<Row>> compute,
      String... outputs) {
    Column[] sortedEntries =
        mapColumns.stream()
            .map(name -> sort_array(map_entries(col(name))).as(name))
            .toArray(Column[]::new);
    Dataset<Row> keyed = rows.withColumn(KEY, struct(sortedEntries));
    Dataset<Row> distinct = keyed.select(col(KEY)).distinct();
    for (String name : mapColumns) {
      distinct = distinct.withColumn(name, map_from_entries(col(KEY).getField(name)));
    }
    // Renamed: both sides descend from the same rows, and Spark cannot tell their columns apart.
    Dataset<Row> perMap = compute.apply(distinct).withColumnRenamed(KEY, JOINED_KEY);
    List<String> computed = Arrays.asList(outputs);
    List<Column> columns = new ArrayList<>();
    for (String name : rows.columns()) {
      columns.add(computed.contains(name) ? perMap.col(name) : keyed.col(name));
    }
    List<String> existing = Arrays.asList(rows.columns());
    for (String output : outputs) {
      if (!existing.contains(output)) {
        columns.add(perMap.col(output));
      }
    }
    return keyed
        .join(perMap, col(KEY).eqNullSafe(col(JOINED_KEY)), "left")
        .select(columns.toArray(new Column[0]));
  }
}
