package io.costlake.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.costlake.errors.CostlakeErrors;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Invoice listings as the providers' own APIs and CLIs write them, read as they are into the fields
 * of {@link InvoiceFile}:
 *
 * <ul>
 *   <li>AWS Invoicing {@code ListInvoiceSummaries} ({@code aws invoicing list-invoice-summaries}):
 *       an object with {@code InvoiceSummaries}; the amounts of {@code BaseCurrencyAmount}, the
 *       currency the CUR's costs are in.
 *   <li>Azure Billing {@code Invoices - List By Billing Account / Profile} (the REST answer, an
 *       object with {@code value}, or {@code az billing invoice list}, an array): each invoice's
 *       {@code subTotal} before tax and {@code taxAmount}; the billing account is the billing
 *       profile (MCA, as the cost exports' BillingAccountId), else the billing account of its id.
 * </ul>
 */
final class ProviderInvoices {
  private ProviderInvoices() {}

  /** The records of a provider listing, or empty when {@code json} is not one. */
  static Optional<List<Map<String, String>>> records(JsonNode json, String file) {
    if (json.isObject() && json.path("InvoiceSummaries").isArray()) {
      return Optional.of(aws(json.get("InvoiceSummaries"), file));
    }
    JsonNode list = json.isObject() && json.path("value").isArray() ? json.get("value") : json;
    if (list.isArray() && list.size() > 0 && azureInvoice(list.get(0))) {
      return Optional.of(azure(list, file));
    }
    return Optional.empty();
  }

  private static List<Map<String, String>> aws(JsonNode summaries, String file) {
    List<Map<String, String>> records = new ArrayList<>();
    for (int i = 0; i < summaries.size(); i++) {
      JsonNode invoice = summaries.get(i);
      int line = i + 1;
      JsonNode amount = invoice.path("BaseCurrencyAmount");
      JsonNode period = invoice.path("BillingPeriod");
      Map<String, String> r = new HashMap<>();
      r.put("invoice_id", text(invoice, "InvoiceId"));
      r.put("provider", "aws");
      r.put("billing_account_id", text(invoice, "AccountId"));
      if (period.path("Year").isNumber() && period.path("Month").isNumber()) {
        r.put(
            "billing_period",
            String.format("%04d-%02d", period.get("Year").asInt(), period.get("Month").asInt()));
      }
      r.put("currency", text(amount, "CurrencyCode"));
      String total = text(amount, "TotalAmount");
      String beforeTax = text(amount, "TotalAmountBeforeTax");
      r.put("amount_before_tax", beforeTax);
      r.put("tax", difference(total, beforeTax, file, line, "BaseCurrencyAmount"));
      r.put("total", total);
      r.put("issued_at", instant(invoice.get("IssuedDate"), file, line, "IssuedDate"));
      r.put("#line", String.valueOf(line));
      records.add(r);
    }
    return records;
  }

  private static boolean azureInvoice(JsonNode node) {
    return properties(node).has("invoicePeriodStartDate");
  }

  /** The REST answer nests the fields under properties; older CLI output flattens them. */
  private static JsonNode properties(JsonNode node) {
    return node.path("properties").isObject() ? node.get("properties") : node;
  }

  private static List<Map<String, String>> azure(JsonNode invoices, String file) {
    List<Map<String, String>> records = new ArrayList<>();
    for (int i = 0; i < invoices.size(); i++) {
      JsonNode invoice = invoices.get(i);
      JsonNode p = properties(invoice);
      int line = i + 1;
      Map<String, String> r = new HashMap<>();
      r.put("invoice_id", text(invoice, "name"));
      r.put("provider", "azure");
      r.put("billing_account_id", azureAccount(invoice, p));
      String start = text(p, "invoicePeriodStartDate");
      r.put("billing_period", start == null || start.length() < 7 ? start : start.substring(0, 7));
      r.put("currency", text(p.path("subTotal"), "currency"));
      r.put("amount_before_tax", text(p.path("subTotal"), "value"));
      r.put("tax", text(p.path("taxAmount"), "value"));
      r.put("issued_at", instant(p.get("invoiceDate"), file, line, "invoiceDate"));
      r.put("#line", String.valueOf(line));
      records.add(r);
    }
    return records;
  }

  /** The billing profile's name (MCA), else the billing account's, from the ids. */
  private static String azureAccount(JsonNode invoice, JsonNode p) {
    String profile = text(p, "billingProfileId");
    if (profile != null && profile.contains("/billingProfiles/")) {
      return lastSegment(profile.substring(profile.indexOf("/billingProfiles/") + 17));
    }
    String id = text(invoice, "id");
    if (id != null && id.contains("/billingAccounts/")) {
      return lastSegment(id.substring(id.indexOf("/billingAccounts/") + 17));
    }
    return null;
  }

  private static String lastSegment(String rest) {
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.isMissingNode() ? null : value.asText();
  }

  private static String difference(
      String total, String beforeTax, String file, int line, String field) {
    if (total == null || beforeTax == null) {
      return null; // named as an empty field by InvoiceFile
    }
    try {
      return new BigDecimal(total).subtract(new BigDecimal(beforeTax)).toPlainString();
    } catch (NumberFormatException e) {
      throw CostlakeErrors.invalidInputFile(
          file, line, "field " + field + ": '" + total + "' or '" + beforeTax + "' is no number");
    }
  }

  /** An API timestamp: epoch seconds (the API), or ISO 8601 with an offset (the CLI's output). */
  private static String instant(JsonNode value, String file, int line, String field) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isNumber()) {
      return Instant.ofEpochMilli(Math.round(value.asDouble() * 1000)).toString();
    }
    String text = value.asText().trim();
    try {
      return OffsetDateTime.parse(text).toInstant().toString();
    } catch (DateTimeParseException e) {
      if (text.length() == 10) {
        return text; // a date: InvoiceFile reads it
      }
      throw CostlakeErrors.invalidInputFile(
          file, line, "field " + field + ": '" + text + "' is not an ISO 8601 time");
    }
  }
}
