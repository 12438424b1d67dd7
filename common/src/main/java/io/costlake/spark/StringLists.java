package io.costlake.spark;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_remove;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/**
 * Arrays of strings typed as costlake's {@code STRING_LIST} (array&lt;string&gt; without null
 * elements). Spark types {@code filter} and {@code array_compact} results as possibly holding
 * nulls, and will not cast that to a non-null element type; and {@code filter}/{@code transform}
 * run interpreted, row by row. These are built from functions Spark compiles (and folds, when the
 * elements are constants) whose types say "no null element".
 */
public final class StringLists {
  private StringLists() {}

  /** The non-null elements, in order, as a STRING_LIST; empty when there are none. */
  public static Column of(Column... elements) {
    if (elements.length == 0) {
      return empty();
    }
    Column[] parts = new Column[elements.length];
    for (int i = 0; i < elements.length; i++) {
      // coalesce(...) is never null, so array(...) holds no null; the else branch is typed alike.
      parts[i] =
          when(elements[i].isNotNull(), array(coalesce(elements[i], lit("")))).otherwise(empty());
    }
    return flatten(array(parts));
  }

  /** An empty list: split's result is typed as holding no nulls, and its one "" is removed. */
  private static Column empty() {
    return array_remove(split(lit(""), ","), lit(""));
  }
}
