package io.costlake.model;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;

/** A column of a costlake table: implemented by the enums that declare each table's schema. */
public interface TableColumn {
  /** The column's name exactly as stored. */
  String columnName();

  ColumnSpec spec();

  default ColumnType type() {
    return spec().type();
  }

  default boolean nullable() {
    return spec().nullable();
  }

  /** One line for analysts; stored as the column comment. */
  default String comment() {
    return spec().comment();
  }

  default Column col() {
    return org.apache.spark.sql.functions.col(columnName());
  }

  default StructField field() {
    Metadata comment = new MetadataBuilder().putString("comment", comment()).build();
    return new StructField(columnName(), type().sparkType(), nullable(), comment);
  }
}
