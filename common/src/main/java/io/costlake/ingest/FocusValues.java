package io.costlake.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.when;

import io.costlake.model.FocusColumn;
import io.costlake.model.RowOrigin;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * The FOCUS values of one mapping, filled part by part (cost, charge, commitment, resource, ...),
 * and the parts every adapter shares: the lineage columns and the shape of the mapped frame. A
 * column no part fills is null; a column two parts fill is a mistake and fails at once.
 */
public final class FocusValues {
  /** The column that holds a record's hash between the first stage and the FOCUS columns. */
  public static final String RECORD_HASH = FocusColumn.x_RecordHash.name();

  private final Map<FocusColumn, Column> values = new EnumMap<>(FocusColumn.class);

  public FocusValues put(FocusColumn column, Column value) {
    if (values.put(column, value) != null) {
      throw new IllegalStateException(column + " is mapped twice");
    }
    return this;
  }

  /** A value a part filled, for a later part to derive from. */
  public Column get(FocusColumn column) {
    Column value = values.get(column);
    if (value == null) {
      throw new IllegalStateException(column + " is read before it is mapped");
    }
    return value;
  }

  /**
   * Where an export row comes from: its provider, its billing period ({@code yyyy-MM} of {@code
   * periodStart}, in the time zone the provider bills in), the file, row and header contract it was
   * read from, and the record hash of the first stage ({@link #RECORD_HASH}).
   */
  public FocusValues lineage(String provider, Column periodStart) {
    put(FocusColumn.x_Provider, lit(provider));
    put(FocusColumn.x_BillingPeriod, date_format(periodStart, "yyyy-MM"));
    put(FocusColumn.x_SourceFile, col(RawFrame.SOURCE_FILE));
    put(FocusColumn.x_SourceRow, col(RawFrame.SOURCE_ROW));
    if (!values.containsKey(FocusColumn.x_RecordHash)) {
      put(FocusColumn.x_RecordHash, col(RECORD_HASH));
    }
    put(FocusColumn.x_ContractVersion, col(RawFrame.CONTRACT));
    return put(FocusColumn.x_RowOrigin, RowOrigin.EXPORT.lit());
  }

  /** The sub account (AWS linked account, Azure subscription, GCP project) and its FOCUS type. */
  public FocusValues subAccount(Column id, Column name, String type) {
    put(FocusColumn.SubAccountId, id);
    put(FocusColumn.SubAccountName, name);
    return put(FocusColumn.SubAccountType, when(id.isNotNull(), lit(type)));
  }

  /** Every table column in order, each cast to its type; {@code x_IngestRunId} the core sets. */
  public List<Column> columns() {
    List<Column> columns = new ArrayList<>();
    for (FocusColumn column : FocusColumn.values()) {
      if (column != FocusColumn.x_IngestRunId) {
        Column value = values.getOrDefault(column, lit(null));
        columns.add(value.cast(column.type().sparkType()).as(column.name()));
      }
    }
    return columns;
  }

  /**
   * The columns of a row derived from a mapped one (unused commitment, a promotional credit): each
   * as the mapped row has it, but for {@code overrides}.
   */
  public static List<Column> derived(Map<FocusColumn, Column> overrides) {
    List<Column> columns = new ArrayList<>();
    for (FocusColumn column : FocusColumn.values()) {
      if (column != FocusColumn.x_IngestRunId) {
        Column override = overrides.get(column);
        columns.add(
            override == null
                ? column.col()
                : override.cast(column.type().sparkType()).as(column.name()));
      }
    }
    return columns;
  }

  /**
   * The last stage of every mapping: the FOCUS columns, the errors and billed cost the core reads,
   * the adapter's own {@code extra} columns, and the source record of rejected rows only.
   */
  public static List<Column> mappedFrame(List<Column> extra, Column sourceRecord) {
    List<Column> columns = mappedColumns();
    columns.addAll(extra);
    columns.add(when(MappedFrame.isBad(), sourceRecord).as(MappedFrame.RAW_RECORD));
    return columns;
  }

  /** The columns every mapped frame has: the FOCUS columns, its errors and billed cost. */
  public static List<Column> mappedColumns() {
    List<Column> columns = new ArrayList<>();
    for (FocusColumn column : FocusColumn.values()) {
      if (column != FocusColumn.x_IngestRunId) {
        columns.add(column.col());
      }
    }
    columns.add(col(MappedFrame.ERRORS));
    columns.add(col(MappedFrame.COST_IN));
    columns.add(col(MappedFrame.COST_EXACT));
    return columns;
  }

  /** A source record's non-empty fields, name to raw value, as quarantine rows keep it. */
  public static Column sourceRecord(Map<String, Column> fields) {
    List<Column> keyValues = new ArrayList<>();
    fields.forEach(
        (name, value) -> {
          keyValues.add(lit(name));
          keyValues.add(value);
        });
    return map_filter(map(keyValues.toArray(new Column[0])), (k, v) -> v.isNotNull());
  }

  /**
   * SHA-256 over the record's parts as read, an empty part for a null, so identical source lines
   * hash alike across files and runs.
   */
  public static Column recordHash(List<Column> parts) {
    List<Column> text = new ArrayList<>();
    parts.forEach(part -> text.add(coalesce(part, lit(""))));
    return sha2(concat_ws("\u001f", text.toArray(new Column[0])), 256);
  }

  /** The meta columns of the raw frame every stage carries, then the adapter's {@code extra}. */
  public static List<Column> rawMeta(String... extra) {
    List<Column> columns = new ArrayList<>();
    for (String meta :
        List.of(
            RawFrame.SOURCE_FILE,
            RawFrame.SOURCE_ROW,
            RawFrame.CONTRACT,
            RawFrame.ROW_ERROR_CODE,
            RawFrame.ROW_ERROR_COLUMN,
            RawFrame.ROW_ERROR_VALUE)) {
      columns.add(col(meta));
    }
    for (String name : extra) {
      columns.add(col(name));
    }
    return columns;
  }
}
