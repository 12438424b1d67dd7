package io.costlake.spark;

import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;

/** Literal column values built from Java collections. */
public final class Literals {
  private Literals() {}

  /** A constant map&lt;string,string&gt;: Spark folds it once, so a lookup costs no join. */
  public static Column map(Map<String, String> entries) {
    List<Column> keyValues = new ArrayList<>();
    entries.forEach(
        (k, v) -> {
          keyValues.add(lit(k));
          keyValues.add(lit(v));
        });
    return keyValues.isEmpty()
        ? org.apache.spark.sql.functions.map().cast("map<string,string>")
        : org.apache.spark.sql.functions.map(keyValues.toArray(new Column[0]));
  }
}
