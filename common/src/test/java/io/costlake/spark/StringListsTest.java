package io.costlake.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.costlake.testing.TestSpark;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

class StringListsTest {
  @Test
  void keepsTheNonNullElementsInOrderTypedAsHoldingNoNull() {
    Dataset<Row> rows =
        TestSpark.session()
            .sql(
                "SELECT * FROM VALUES ('a', CAST(NULL AS STRING), ''), (NULL, 'b', NULL) AS t(x, y, z)")
            .select(
                StringLists.of(col("x"), col("y"), col("z")).as("list"),
                StringLists.of().as("none"),
                StringLists.of(lit(null).cast("string")).as("only_null"));
    for (String name : List.of("list", "none", "only_null")) {
      ArrayType type = (ArrayType) rows.schema().apply(name).dataType();
      assertEquals(DataTypes.StringType, type.elementType(), name);
      assertFalse(type.containsNull(), name + " is typed as holding no null");
      assertFalse(rows.schema().apply(name).nullable(), name + " is never null");
    }
    List<Row> found = rows.collectAsList();
    assertEquals(List.of("a", ""), found.get(0).getList(0), "an empty string is an element");
    assertEquals(List.of("b"), found.get(1).getList(0));
    assertEquals(List.of(), found.get(0).getList(1));
    assertEquals(List.of(), found.get(0).getList(2));
  }
}
