package io.costlake.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costlake.model.BillingPeriod;
import io.costlake.model.Table;
import io.costlake.report.Csv;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

/**
 * {@code chargeback --export DIR}: the invoices and their lines of the periods priced, as {@code
 * chargeback_invoices.csv}, {@code chargeback_lines.csv} and {@code chargeback_invoices.json} (each
 * invoice with its lines). Text cells that a spreadsheet would run as a formula ({@code = + - @})
 * are prefixed with a quote; numbers are plain decimals.
 */
public final class InvoiceExport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private InvoiceExport() {}

  public static void write(JobContext context, String dir, List<BillingPeriod> periods) {
    context
        .warehouse()
        .catalog()
        .withTables(
            List.of(Table.CHARGEBACK_INVOICES, Table.CHARGEBACK_LINES),
            () -> export(context, dir, periods));
  }

  private static void export(JobContext context, String dir, List<BillingPeriod> periods) {
    String where = BillingPeriods.scope(periods).sql();
    List<Row> invoices =
        context
            .spark()
            .sql(
                "SELECT * FROM "
                    + Table.CHARGEBACK_INVOICES.tableName()
                    + " WHERE "
                    + where
                    + " ORDER BY x_BillingPeriod, profile_id")
            .collectAsList();
    List<Row> lines =
        context
            .spark()
            .sql(
                "SELECT * FROM "
                    + Table.CHARGEBACK_LINES.tableName()
                    + " WHERE "
                    + where
                    + " ORDER BY x_BillingPeriod, profile_id, owner,"
                    + " ServiceName, ConsumedUnit, source_currency")
            .collectAsList();
    String root = JobContext.uri(dir);
    TextFiles.write(
        context, root + "/chargeback_invoices.csv", csv(invoices, Table.CHARGEBACK_INVOICES));
    TextFiles.write(context, root + "/chargeback_lines.csv", csv(lines, Table.CHARGEBACK_LINES));
    TextFiles.write(context, root + "/chargeback_invoices.json", json(invoices, lines));
    context
        .out()
        .printf("  exported %d invoices and %d lines to %s%n", invoices.size(), lines.size(), root);
  }

  /**
   * The rows by the table's column names (a table grown by TableLifecycle.ensure keeps its order).
   */
  private static String csv(List<Row> rows, Table table) {
    List<String> names =
        java.util.Arrays.stream(table.schema().fields())
            .map(StructField::name)
            .collect(Collectors.toList());
    List<List<Object>> cells = new java.util.ArrayList<>();
    for (Row row : rows) {
      cells.add(names.stream().map(row::getAs).collect(Collectors.toList()));
    }
    return Csv.of(names, cells);
  }

  private static String json(List<Row> invoices, List<Row> lines) {
    ArrayNode out = JSON.createArrayNode();
    for (Row invoice : invoices) {
      ObjectNode node = object(invoice);
      ArrayNode items = node.putArray("lines");
      for (Row line : lines) {
        if (line.getAs("x_BillingPeriod").equals(invoice.getAs("x_BillingPeriod"))
            && line.getAs("profile_id").equals(invoice.getAs("profile_id"))) {
          items.add(object(line));
        }
      }
      out.add(node);
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode object(Row row) {
    ObjectNode node = JSON.createObjectNode();
    for (StructField field : row.schema().fields()) {
      Object value = row.getAs(field.name());
      if (value == null) {
        node.putNull(field.name());
      } else if (value instanceof BigDecimal) {
        node.put(field.name(), ((BigDecimal) value).toPlainString());
      } else if (value instanceof Long) {
        node.put(field.name(), (Long) value);
      } else {
        node.put(field.name(), String.valueOf(value));
      }
    }
    return node;
  }
}
