package io.costlake.jobs;

import io.costlake.report.Csv;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.collection.JavaConverters;

/** Prints a query result as an aligned table, CSV (header then rows) or JSON lines. */
final class ResultPrinter {
  static final int TABLE_ROW_LIMIT = 10_000;
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private ResultPrinter() {}

  static void print(Dataset<Row> result, String format, PrintStream out) {
    switch (format) {
      case "csv":
        csv(result, out);
        break;
      case "json":
        json(result, out);
        break;
      default:
        table(result, out);
    }
  }

  private static void csv(Dataset<Row> result, PrintStream out) {
    String[] names = result.columns();
    List<String> header = new ArrayList<>();
    for (String name : names) {
      header.add(Csv.quoted(name));
    }
    out.println(String.join(",", header));
    Iterator<Row> rows = result.toLocalIterator();
    while (rows.hasNext()) {
      Row row = rows.next();
      List<String> cells = new ArrayList<>(names.length);
      for (int i = 0; i < names.length; i++) {
        cells.add(row.isNullAt(i) ? "" : Csv.quoted(text(row.get(i), false)));
      }
      out.println(String.join(",", cells));
    }
  }

  private static void json(Dataset<Row> result, PrintStream out) {
    Iterator<String> rows = result.toJSON().toLocalIterator();
    while (rows.hasNext()) {
      out.println(rows.next());
    }
  }

  private static void table(Dataset<Row> result, PrintStream out) {
    String[] names = result.columns();
    List<Row> rows = result.limit(TABLE_ROW_LIMIT + 1).collectAsList();
    boolean truncated = rows.size() > TABLE_ROW_LIMIT;
    if (truncated) {
      rows = rows.subList(0, TABLE_ROW_LIMIT);
    }
    List<String[]> cells = new ArrayList<>();
    int[] widths = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      widths[i] = names[i].length();
    }
    for (Row row : rows) {
      String[] line = new String[names.length];
      for (int i = 0; i < names.length; i++) {
        line[i] = row.isNullAt(i) ? "NULL" : text(row.get(i), true);
        widths[i] = Math.max(widths[i], line[i].length());
      }
      cells.add(line);
    }
    out.println(line(names, widths));
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
    }
    out.println(rule);
    for (String[] line : cells) {
      out.println(line(line, widths));
    }
    out.printf(
        Locale.ROOT,
        "(%d row%s%s)%n",
        rows.size(),
        rows.size() == 1 ? "" : "s",
        truncated ? ", first " + TABLE_ROW_LIMIT + " shown: use --format csv for all" : "");
  }

  private static String line(String[] cells, int[] widths) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      text.append(i == 0 ? "" : " | ").append(String.format("%-" + widths[i] + "s", cells[i]));
    }
    return text.toString().stripTrailing();
  }

  static String text(Object value, boolean forPeople) {
    if (value instanceof BigDecimal) {
      BigDecimal d = (BigDecimal) value;
      return forPeople ? d.stripTrailingZeros().toPlainString() : d.toPlainString();
    }
    if (value instanceof Timestamp) {
      return ISO.format(((Timestamp) value).toInstant());
    }
    if (value instanceof Date) {
      return value.toString();
    }
    if (value instanceof scala.collection.Map) {
      StringBuilder text = new StringBuilder("{");
      JavaConverters.mapAsJavaMap((scala.collection.Map<?, ?>) value)
          .forEach(
              (k, v) -> text.append(text.length() > 1 ? ", " : "").append(k).append('=').append(v));
      return text.append('}').toString();
    }
    if (value instanceof scala.collection.Seq) {
      return JavaConverters.seqAsJavaList((scala.collection.Seq<?>) value).toString();
    }
    return String.valueOf(value);
  }
}
