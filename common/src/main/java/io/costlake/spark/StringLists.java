package io.costlake.spark;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.transform;

import org.apache.spark.sql.Column;

/**
 * Arrays of strings typed as costlake's {@code STRING_LIST} (array&lt;string&gt; without null
 * elements). Spark types {@code filter} and {@code array_compact} results as possibly holding
 * nulls, and will not cast that to a non-null element type; mapping the elements through a non-null
 * expression is what tells it.
 */
public final class StringLists {
  private StringLists() {}

  /** The array's non-null elements, typed as holding no nulls. */
  public static Column withoutNulls(Column strings) {
    return transform(filter(strings, x -> x.isNotNull()), x -> coalesce(x, lit("")));
  }

  public static Column of(Column... elements) {
    return withoutNulls(elements.length == 0 ? array().cast("array<string>") : array(elements));
  }
}
