package io.costlake.model;

import static org.apache.spark.sql.functions.lit;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Schema helpers shared by every table declared as an enum of {@link TableColumn}. */
public final class Schemas {
  private Schemas() {}

  /** A row of a table declared as the enum {@code E}: each value at its column's position. */
  public static <E extends Enum<E> & TableColumn> Row row(Map<E, Object> values, int columns) {
    Object[] cells = new Object[columns];
    values.forEach((column, value) -> cells[column.ordinal()] = value);
    return RowFactory.create(cells);
  }

  public static StructType of(TableColumn[] columns) {
    return new StructType(
        Arrays.stream(columns).map(TableColumn::field).toArray(StructField[]::new));
  }

  /** Projects {@code frame} onto exactly {@code columns}: declared order, declared types. */
  public static Dataset<Row> conform(Dataset<Row> frame, TableColumn[] columns) {
    Set<String> present = Arrays.stream(frame.columns()).collect(Collectors.toSet());
    Column[] projected =
        Arrays.stream(columns)
            .map(
                c -> {
                  Column source = present.contains(c.columnName()) ? c.col() : lit(null);
                  return source.cast(c.type().sparkType()).as(c.columnName());
                })
            .toArray(Column[]::new);
    return frame.select(projected);
  }
}
