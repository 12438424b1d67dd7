package io.costlake.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Rules whose machine check in the 1.2 model contradicts the rule's own text: costlake checks what
 * the text says, and says so in {@code focus_conformance}. Each entry names the defect.
 */
final class ModelCorrections {
  static final class Correction {
    final JsonNode requirement;
    final JsonNode condition;
    final String note;
    final String skipReason;

    Correction(String requirement, String condition, String note, String skipReason) {
      this.requirement = requirement == null ? null : json(requirement);
      this.condition = condition == null ? null : json(condition);
      this.note = note;
      this.skipReason = skipReason;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Map<String, Correction> CORRECTIONS =
      Map.of(
          "CommitmentDiscountStatus-C-005-M",
          new Correction(
              "{\"CheckFunction\":\"OR\",\"Items\":["
                  + "{\"CheckFunction\":\"CheckValue\",\"ColumnName\":\"CommitmentDiscountStatus\","
                  + "\"Value\":\"Used\"},"
                  + "{\"CheckFunction\":\"CheckValue\",\"ColumnName\":\"CommitmentDiscountStatus\","
                  + "\"Value\":\"Unused\"}]}",
              null,
              "the model allows Active, Expired, Pending; FOCUS 1.2 allows Used and Unused",
              null),
          "ConsumedQuantity-C-006-C",
          new Correction(
              null,
              "{\"CheckFunction\":\"CheckNotValue\",\"ColumnName\":\"ChargeClass\","
                  + "\"Value\":\"Correction\"}",
              "the model's condition reads ChargeClass = Correction; the text says not Correction",
              null),
          "CommitmentDiscountStatus-C-003-C",
          new Correction(
              "{\"CheckFunction\":\"CheckValue\",\"ColumnName\":\"CommitmentDiscountStatus\","
                  + "\"Value\":null}",
              null,
              "the model's requirement reads NOT null; the text says MUST be null",
              null),
          "CommitmentDiscountStatus-C-004-C",
          new Correction(
              null,
              "{\"CheckFunction\":\"AND\",\"Items\":["
                  + "{\"CheckFunction\":\"CheckNotValue\",\"ColumnName\":\"CommitmentDiscountId\","
                  + "\"Value\":null},"
                  + "{\"CheckFunction\":\"CheckValue\",\"ColumnName\":\"ChargeCategory\","
                  + "\"Value\":\"Usage\"}]}",
              "the model's condition reads CommitmentDiscountId IS NULL; the text says not null"
                  + " and ChargeCategory Usage",
              null),
          "InvoiceId-C-004-C",
          new Correction(
              null,
              null,
              null,
              "whether a charge has an invoice is not in the data; the model checks InvoiceId is"
                  + " null on every row, contradicting InvoiceId-C-005-C"));

  private ModelCorrections() {}

  static Correction of(String ruleId) {
    return CORRECTIONS.get(ruleId);
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
