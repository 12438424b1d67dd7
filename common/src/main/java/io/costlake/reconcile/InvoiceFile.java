package io.costlake.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import io.costlake.config.PeriodRange;
import io.costlake.errors.CostlakeErrors;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the provider invoices file: a provider's own invoice listing ({@link ProviderInvoices}), or
 * CSV with a header line, or JSON (an array of objects, or one object per line), with the fields
 * {@code invoice_id, provider, billing_account_id, billing_period, currency, amount_before_tax,
 * tax, total, issued_at}. {@code total} may be left out (it is then amount_before_tax + tax; when
 * given, it must equal that), {@code issued_at} is optional (a date or an ISO instant, UTC). A bad
 * line fails with its file, line and field.
 */
public final class InvoiceFile {
  static final List<String> FIELDS =
      List.of(
          "invoice_id",
          "provider",
          "billing_account_id",
          "billing_period",
          "currency",
          "amount_before_tax",
          "tax",
          "total",
          "issued_at");
  private static final List<String> REQUIRED = FIELDS.subList(0, 7);
  private static final ObjectMapper JSON = new ObjectMapper();

  private InvoiceFile() {}

  /**
   * The invoices of every file (one per provider, say), read by {@code read}; an invoice of a
   * provider may be in one file only.
   */
  public static List<Invoice> parseAll(
      List<String> files, java.util.function.Function<String, String> read) {
    List<Invoice> invoices = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (String file : files) {
      for (Invoice invoice : parse(read.apply(file), file)) {
        String earlier = seen.put(invoice.provider + "|" + invoice.id, file);
        if (earlier != null) {
          throw CostlakeErrors.invalidInputFile(
              file,
              0,
              "invoice " + invoice.id + " of " + invoice.provider + " is also in " + earlier);
        }
        invoices.add(invoice);
      }
    }
    return invoices;
  }

  public static List<Invoice> parse(String text, String file) {
    String trimmed = text.strip();
    List<Map<String, String>> records =
        trimmed.startsWith("[") || trimmed.startsWith("{") ? json(trimmed, file) : csv(text, file);
    List<Invoice> invoices = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < records.size(); i++) {
      Map<String, String> record = records.get(i);
      int line = Integer.parseInt(record.get("#line"));
      Invoice invoice = invoice(record, file, line);
      Integer earlier = seen.put(invoice.provider + "|" + invoice.id, line);
      if (earlier != null) {
        throw CostlakeErrors.invalidInputFile(
            file, line, "column invoice_id: " + invoice.id + " is also on line " + earlier);
      }
      invoices.add(invoice);
    }
    return invoices;
  }

  private static Invoice invoice(Map<String, String> r, String file, int line) {
    for (String field : REQUIRED) {
      if (blank(r.get(field))) {
        throw CostlakeErrors.invalidInputFile(file, line, "column " + field + " is empty");
      }
    }
    String period = r.get("billing_period").trim();
    if (!PeriodRange.isPeriod(period)) {
      throw CostlakeErrors.invalidInputFile(
          file, line, "column billing_period: '" + period + "' is not yyyy-MM");
    }
    BigDecimal beforeTax = money(r, "amount_before_tax", file, line);
    BigDecimal tax = money(r, "tax", file, line);
    BigDecimal total = beforeTax.add(tax);
    if (!blank(r.get("total"))) {
      BigDecimal given = money(r, "total", file, line);
      if (given.compareTo(total) != 0) {
        throw CostlakeErrors.invalidInputFile(
            file,
            line,
            "column total: "
                + given.toPlainString()
                + " is not amount_before_tax + tax ("
                + total.toPlainString()
                + ")");
      }
    }
    return new Invoice(
        r.get("invoice_id").trim(),
        r.get("provider").trim().toLowerCase(java.util.Locale.ROOT),
        r.get("billing_account_id").trim(),
        period,
        r.get("currency").trim().toUpperCase(java.util.Locale.ROOT),
        beforeTax,
        tax,
        total,
        issuedAt(r.get("issued_at"), file, line));
  }

  private static BigDecimal money(Map<String, String> r, String field, String file, int line) {
    String value = r.get(field).trim();
    try {
      return new BigDecimal(value);
    } catch (NumberFormatException e) {
      throw CostlakeErrors.invalidInputFile(
          file, line, "column " + field + ": '" + value + "' is not a number");
    }
  }

  private static Instant issuedAt(String value, String file, int line) {
    if (blank(value)) {
      return null;
    }
    String v = value.trim();
    try {
      return v.length() == 10
          ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw CostlakeErrors.invalidInputFile(
          file, line, "column issued_at: '" + v + "' is not a date (yyyy-MM-dd) or ISO instant");
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static List<Map<String, String>> csv(String text, String file) {
    CsvParserSettings settings = new CsvParserSettings();
    settings.setHeaderExtractionEnabled(false);
    settings.setLineSeparatorDetectionEnabled(true);
    settings.setNullValue("");
    settings.setEmptyValue("");
    CsvParser parser = new CsvParser(settings);
    List<String[]> rows = parser.parseAll(new StringReader(text));
    if (rows.isEmpty()) {
      throw CostlakeErrors.invalidInputFile(file, 1, "is empty; it needs a header line");
    }
    List<String> header = new ArrayList<>();
    for (String name : rows.get(0)) {
      header.add(name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT));
    }
    List<String> missing = new ArrayList<>(REQUIRED);
    missing.removeAll(header);
    if (!missing.isEmpty()) {
      throw CostlakeErrors.invalidInputFile(
          file, 1, "lacks the column(s) " + missing + " (it has " + header + ")");
    }
    List<Map<String, String>> records = new ArrayList<>();
    for (int i = 1; i < rows.size(); i++) {
      String[] row = rows.get(i);
      if (Arrays.stream(row).allMatch(InvoiceFile::blank)) {
        continue;
      }
      Map<String, String> record = new HashMap<>();
      for (int c = 0; c < header.size() && c < row.length; c++) {
        record.put(header.get(c), row[c]);
      }
      record.put("#line", String.valueOf(i + 1));
      records.add(record);
    }
    return records;
  }

  private static List<Map<String, String>> json(String text, String file) {
    // A provider's invoice listing, as its API or CLI wrote it (one document, often indented).
    try {
      java.util.Optional<List<Map<String, String>>> listing =
          ProviderInvoices.records(JSON.readTree(text), file);
      if (listing.isPresent()) {
        return listing.get();
      }
    } catch (IOException notOneDocument) {
      // one object per line: read below
    }
    List<JsonNode> nodes = new ArrayList<>();
    try {
      if (text.startsWith("[")) {
        JSON.readTree(text).forEach(nodes::add);
      } else {
        for (String line : text.split("\n")) {
          nodes.add(line.isBlank() ? null : JSON.readTree(line));
        }
      }
    } catch (IOException e) {
      throw CostlakeErrors.invalidInputFile(
          file, 0, "is not valid JSON: " + String.valueOf(e.getMessage()).split("\n")[0]);
    }
    List<Map<String, String>> records = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      JsonNode node = nodes.get(i);
      if (node == null) {
        continue;
      }
      if (!node.isObject()) {
        throw CostlakeErrors.invalidInputFile(file, i + 1, "is not a JSON object");
      }
      Map<String, String> record = new HashMap<>();
      for (String field : FIELDS) {
        JsonNode value = node.get(field);
        record.put(field, value == null || value.isNull() ? null : value.asText());
      }
      // For an array, the "line" is the invoice's position in it.
      record.put("#line", String.valueOf(i + 1));
      records.add(record);
    }
    return records;
  }
}
