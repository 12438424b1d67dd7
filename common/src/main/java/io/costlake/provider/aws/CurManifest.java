package io.costlake.provider.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CUR manifest: the CUR 1.0 {@code <report>-Manifest.json} ({@code reportKeys}, {@code
 * assemblyId}, {@code billingPeriod.start}) or the Data Exports (CUR 2.0) one ({@code dataFiles},
 * {@code executionId}). Read tolerantly: the billing period comes from the document or, failing
 * that, from the folder it sits in.
 */
public final class CurManifest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Pattern PERIOD_FOLDER = Pattern.compile("(\\d{4})(\\d{2})\\d{2}-\\d{8}");
  static final Pattern PARTITION_FOLDER =
      Pattern.compile("BILLING_PERIOD=(\\d{4})-(\\d{2})", Pattern.CASE_INSENSITIVE);
  private static final Pattern COMPACT_DATE = Pattern.compile("^(\\d{4})(\\d{2})\\d{2}(T.*)?$");
  private static final Pattern ISO_DATE = Pattern.compile("^(\\d{4})-(\\d{2})(-\\d{2}.*)?$");

  private final String uri;
  private final String reportName;
  private final String assemblyId;
  private final String account;
  private final String billingPeriod;
  private final List<String> keys;
  private final boolean periodLevel;

  private CurManifest(
      String uri,
      String reportName,
      String assemblyId,
      String account,
      String billingPeriod,
      List<String> keys,
      boolean periodLevel) {
    this.uri = uri;
    this.reportName = reportName;
    this.assemblyId = assemblyId;
    this.account = account;
    this.billingPeriod = billingPeriod;
    this.keys = List.copyOf(keys);
    this.periodLevel = periodLevel;
  }

  public static boolean isManifestName(String fileName) {
    return fileName.toLowerCase(java.util.Locale.ROOT).endsWith("manifest.json");
  }

  /**
   * Parses a manifest.
   *
   * @throws IllegalArgumentException with a one-line reason when it is not a usable manifest
   */
  public static CurManifest parse(String uri, InputStream content) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(content);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "not valid JSON (" + e.getMessage().split("\\R", 2)[0] + ")");
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    List<String> keys = new ArrayList<>();
    for (String listName : List.of("reportKeys", "dataFiles")) {
      JsonNode list = root.get(listName);
      if (list != null && list.isArray()) {
        list.forEach(k -> keys.add(k.asText()));
      }
    }
    if (keys.isEmpty() && root.get("reportKeys") == null && root.get("dataFiles") == null) {
      throw new IllegalArgumentException("it lists no files (no reportKeys or dataFiles)");
    }
    String parent = parentName(uri);
    boolean periodLevel =
        PERIOD_FOLDER.matcher(parent).matches() || PARTITION_FOLDER.matcher(parent).matches();
    String period = periodOf(root.get("billingPeriod")).or(() -> periodOfPath(uri)).orElse(null);
    if (period == null) {
      throw new IllegalArgumentException("it names no billing period");
    }
    return new CurManifest(
        uri,
        text(root, "reportName").or(() -> text(root, "exportName")).orElse(reportNameOf(uri)),
        text(root, "assemblyId").or(() -> text(root, "executionId")).orElse(null),
        text(root, "account").orElse(null),
        period,
        keys,
        periodLevel);
  }

  static Optional<String> periodOf(JsonNode billingPeriod) {
    if (billingPeriod == null || billingPeriod.isNull()) {
      return Optional.empty();
    }
    String start =
        billingPeriod.isObject()
            ? billingPeriod.path("start").asText("")
            : billingPeriod.asText("");
    for (Pattern pattern : List.of(COMPACT_DATE, ISO_DATE)) {
      Matcher m = pattern.matcher(start.trim());
      if (m.matches()) {
        return Optional.of(m.group(1) + "-" + m.group(2));
      }
    }
    return Optional.empty();
  }

  static Optional<String> periodOfPath(String uri) {
    for (String segment : uri.split("/")) {
      Matcher folder = PERIOD_FOLDER.matcher(segment);
      if (folder.matches()) {
        return Optional.of(folder.group(1) + "-" + folder.group(2));
      }
      Matcher partition = PARTITION_FOLDER.matcher(segment);
      if (partition.matches()) {
        return Optional.of(partition.group(1) + "-" + partition.group(2));
      }
    }
    return Optional.empty();
  }

  private static Optional<String> text(JsonNode root, String field) {
    JsonNode node = root.get(field);
    return node == null || node.isNull() || node.asText().isBlank()
        ? Optional.empty()
        : Optional.of(node.asText());
  }

  private static String parentName(String uri) {
    String[] segments = uri.split("/");
    return segments.length >= 2 ? segments[segments.length - 2] : "";
  }

  private static String reportNameOf(String uri) {
    String name = uri.substring(uri.lastIndexOf('/') + 1);
    int suffix = name.toLowerCase(java.util.Locale.ROOT).lastIndexOf("-manifest.json");
    return suffix > 0 ? name.substring(0, suffix) : name;
  }

  public String uri() {
    return uri;
  }

  /** The folder holding the manifest. */
  public String folder() {
    return uri.substring(0, uri.lastIndexOf('/'));
  }

  public String reportName() {
    return reportName;
  }

  public Optional<String> assemblyId() {
    return Optional.ofNullable(assemblyId);
  }

  public Optional<String> account() {
    return Optional.ofNullable(account);
  }

  /** Billing period as yyyy-MM. */
  public String billingPeriod() {
    return billingPeriod;
  }

  /** File references as written: bucket keys ({@code prefix/report/...}) or full URIs. */
  public List<String> keys() {
    return keys;
  }

  /**
   * True for the manifest AWS keeps at the billing-period level, which always names the current
   * assembly; assembly folders hold manifests of their own, current or not.
   */
  public boolean periodLevel() {
    return periodLevel;
  }
}
