package io.costlake.jobs.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.SparkSession;

/**
 * A realistic synthetic GCP billing export (the resource-level table), deterministic for a seed:
 * hourly usage of several projects over common SKUs, with labels, system labels and tags,
 * sustained-use, committed-use, free-tier and promotional credits, daily CUD fees, late usage of
 * the month before, tax, an adjustment and a rounding error per invoice month. Written as BigQuery
 * extracts it: gzip JSON lines, Avro ({@link GcpAvroWriter}) or Parquet, one folder per invoice
 * month ({@code <out>/<account>/invoice_month=yyyyMM/}).
 */
public final class GcpBillingGenerator {
  public enum Format {
    JSONL,
    AVRO,
    PARQUET
  }

  /** What to generate. */
  public static final class Options {
    final int rows;
    final long seed;
    final YearMonth firstMonth;
    final int months;
    final int projects;
    final Format format;

    public Options(
        int rows, long seed, YearMonth firstMonth, int months, int projects, Format format) {
      this.rows = rows;
      this.seed = seed;
      this.firstMonth = firstMonth;
      this.months = months;
      this.projects = Math.max(1, Math.min(projects, PROJECTS.length));
      this.format = format;
    }
  }

  /** What was written. */
  public static final class Result {
    private final String account;
    private final Map<String, Long> rowsByKind;
    private final List<Path> files;

    Result(String account, Map<String, Long> rowsByKind, List<Path> files) {
      this.account = account;
      this.rowsByKind = rowsByKind;
      this.files = files;
    }

    public String billingAccount() {
      return account;
    }

    public Map<String, Long> rowsByKind() {
      return rowsByKind;
    }

    public List<Path> files() {
      return files;
    }

    public long rows() {
      return rowsByKind.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] PROJECTS = {
    "shop-prod", "shop-staging", "data-platform", "ml-research",
    "corp-it", "payments", "search", "mobile-backend"
  };
  private static final String[] TEAMS = {"web", "data", "ml", "it", "payments", "search"};
  private static final String[] APPS = {
    "checkout", "catalog", "etl", "training", "intranet", "api"
  };

  /** One priced SKU: service, SKU, usage unit and how many of them make one pricing unit. */
  private static final class Sku {
    final String serviceId;
    final String service;
    final String skuId;
    final String description;
    final String unit;
    final String pricingUnit;
    final double perPricingUnit;
    final BigDecimal price;
    final String resourceKind;
    final double typicalPricingUnits;

    Sku(
        String serviceId,
        String service,
        String skuId,
        String description,
        String unit,
        String pricingUnit,
        double perPricingUnit,
        String price,
        String resourceKind,
        double typicalPricingUnits) {
      this.serviceId = serviceId;
      this.service = service;
      this.skuId = skuId;
      this.description = description;
      this.unit = unit;
      this.pricingUnit = pricingUnit;
      this.perPricingUnit = perPricingUnit;
      this.price = new BigDecimal(price);
      this.resourceKind = resourceKind;
      this.typicalPricingUnits = typicalPricingUnits;
    }

    boolean compute() {
      return service.equals("Compute Engine") && !description.startsWith("Spot");
    }
  }

  private static final double GIB = 1024d * 1024 * 1024;
  private static final Sku[] SKUS = {
    new Sku(
        "6F81-5844-456A",
        "Compute Engine",
        "CP-N2-CORE",
        "N2 Instance Core running in Americas",
        "seconds",
        "hour",
        3600,
        "0.031611",
        "compute.googleapis.com/instances",
        4),
    new Sku(
        "6F81-5844-456A",
        "Compute Engine",
        "CP-N2-RAM",
        "N2 Instance Ram running in Americas",
        "byte-seconds",
        "gibibyte hour",
        3600 * GIB,
        "0.004237",
        "compute.googleapis.com/instances",
        16),
    new Sku(
        "6F81-5844-456A",
        "Compute Engine",
        "CP-N2-SPOT",
        "Spot Preemptible N2 Instance Core running in Americas",
        "seconds",
        "hour",
        3600,
        "0.007650",
        "compute.googleapis.com/instances",
        8),
    new Sku(
        "95FF-2EF5-5EA1",
        "Cloud Storage",
        "GCS-STD-US",
        "Standard Storage US Multi-region",
        "byte-seconds",
        "gibibyte month",
        2_592_000 * GIB,
        "0.026",
        "storage.googleapis.com/buckets",
        0.7),
    new Sku(
        "24E6-581D-38E5",
        "BigQuery",
        "BQ-ANALYSIS",
        "Analysis",
        "bytes",
        "tebibyte",
        1024 * 1024 * GIB,
        "6.25",
        null,
        0.05),
    new Sku(
        "9662-B51E-5089",
        "Cloud SQL",
        "SQL-PG-VCPU",
        "Cloud SQL for PostgreSQL: Zonal - vCPU in Americas",
        "seconds",
        "hour",
        3600,
        "0.0413",
        "sqladmin.googleapis.com/instances",
        2),
    new Sku(
        "E505-1604-58F8",
        "Networking",
        "NET-EGRESS-AM",
        "Network Internet Egress from Americas to Americas",
        "bytes",
        "gibibyte",
        GIB,
        "0.12",
        null,
        3),
    new Sku(
        "5490-F7B7-8DF6",
        "Cloud Logging",
        "LOG-VOLUME",
        "Log Volume",
        "bytes",
        "gibibyte",
        GIB,
        "0.5",
        null,
        0.2),
  };
  private static final Sku CUD_FEE =
      new Sku(
          "6F81-5844-456A",
          "Compute Engine",
          "CUD-N2-CPU-1Y",
          "Commitment v1: N2 Cpu in Americas for 1 Year",
          "seconds",
          "hour",
          3600,
          "0.019915",
          null,
          0);

  private final Options options;
  private final Random random;
  private final String account;

  public GcpBillingGenerator(Options options) {
    this.options = options;
    this.random = new Random(options.seed);
    this.account =
        String.format(
            Locale.ROOT,
            "%06X-%06X-%06X",
            random.nextInt(1 << 24),
            random.nextInt(1 << 24),
            random.nextInt(1 << 24));
  }

  /** Writes the export; {@code spark} is needed for Parquet only. */
  public Result generate(Path out, SparkSession spark) {
    Map<String, Long> counts = new TreeMap<>();
    List<Path> files = new ArrayList<>();
    int perMonth = Math.max(1, options.rows / options.months);
    for (int m = 0; m < options.months; m++) {
      YearMonth month = options.firstMonth.plusMonths(m);
      boolean withLateUsage = m > 0;
      Path folder =
          out.resolve(account).resolve("invoice_month=" + month.toString().replace("-", ""));
      files.add(
          write(folder, records -> month(month, perMonth, withLateUsage, counts, records), spark));
    }
    return new Result(account, counts, files);
  }

  /**
   * Writes one month's records. JSON lines are written as they are made (a bench month holds
   * millions of records); Avro and Parquet, for tests, take them as one list.
   */
  private Path write(Path folder, Consumer<Consumer<ObjectNode>> month, SparkSession spark) {
    try {
      Files.createDirectories(folder);
      switch (options.format) {
        case AVRO:
          Path avro = folder.resolve("billing_export-000000000000.avro");
          GcpAvroWriter.write(avro, collect(month));
          return avro;
        case PARQUET:
          return GcpParquetWriter.write(spark, folder, collect(month));
        default:
          Path jsonl = folder.resolve("billing_export-000000000000.jsonl.gz");
          try (Writer writer =
              new BufferedWriter(
                  new OutputStreamWriter(
                      new GZIPOutputStream(Files.newOutputStream(jsonl)),
                      StandardCharsets.UTF_8))) {
            month.accept(record -> writeLine(writer, record));
          }
          return jsonl;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<ObjectNode> collect(Consumer<Consumer<ObjectNode>> month) {
    List<ObjectNode> records = new ArrayList<>();
    month.accept(records::add);
    return records;
  }

  private static void writeLine(Writer writer, ObjectNode record) {
    try {
      writer.write(JSON.writeValueAsString(record));
      writer.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void month(
      YearMonth month,
      int usageRows,
      boolean withLateUsage,
      Map<String, Long> counts,
      Consumer<ObjectNode> records) {
    Instant start = month.atDay(1).atStartOfDay(PACIFIC).toInstant();
    Instant end = month.plusMonths(1).atDay(1).atStartOfDay(PACIFIC).toInstant();
    long hours = ChronoUnit.HOURS.between(start, end);
    String invoiceMonth = month.toString().replace("-", "");
    Map<String, BigDecimal> netByProject = new TreeMap<>();
    for (int i = 0; i < usageRows; i++) {
      int p = random.nextInt(options.projects);
      Sku sku = SKUS[weightedSku()];
      Instant hour = start.plus(random.nextInt((int) hours), ChronoUnit.HOURS);
      boolean late = withLateUsage && random.nextInt(100) < 2;
      if (late) {
        hour = start.minus(1 + random.nextInt(30), ChronoUnit.HOURS);
      }
      ObjectNode record = usage(p, sku, hour, invoiceMonth);
      records.accept(record);
      count(counts, late ? "usage (late, month before)" : "usage");
      netByProject.merge(PROJECTS[p], net(record), BigDecimal::add);
    }
    for (int p = 0; p < Math.min(2, options.projects); p++) {
      for (LocalDate day = month.atDay(1);
          !day.isAfter(month.atEndOfMonth());
          day = day.plusDays(1)) {
        Instant dayStart = day.atStartOfDay(PACIFIC).toInstant();
        Instant dayEnd = day.plusDays(1).atStartOfDay(PACIFIC).toInstant();
        double seconds = 8 * (double) ChronoUnit.SECONDS.between(dayStart, dayEnd);
        ObjectNode fee = base(p, CUD_FEE, dayStart, dayEnd, invoiceMonth);
        BigDecimal cost = money(CUD_FEE.price.multiply(BigDecimal.valueOf(seconds / 3600)));
        usageNode(fee, CUD_FEE, seconds);
        fee.put("cost", cost);
        fee.put("cost_at_list", cost);
        records.accept(fee);
        count(counts, "commitment fee");
        netByProject.merge(PROJECTS[p], cost, BigDecimal::add);
      }
    }
    ObjectNode adjustment = base(0, SKUS[0], start, start.plus(1, ChronoUnit.HOURS), invoiceMonth);
    adjustment.put("cost_type", "adjustment");
    adjustment.put("cost", new BigDecimal("-12.345678"));
    ObjectNode info = adjustment.putObject("adjustment_info");
    info.put("id", "adj-" + invoiceMonth);
    info.put("description", "Service level credit for a regional outage");
    info.put("mode", "MANUAL_ADJUSTMENT");
    info.put("type", "SLA_VIOLATION");
    adjustment.remove("usage");
    records.accept(adjustment);
    count(counts, "adjustment");
    for (Map.Entry<String, BigDecimal> project : netByProject.entrySet()) {
      int p = java.util.Arrays.asList(PROJECTS).indexOf(project.getKey());
      ObjectNode tax = invoiceRow(p, start, end, invoiceMonth, "tax", "Tax: US sales tax");
      tax.put("cost", money(project.getValue().multiply(new BigDecimal("0.0725"))));
      records.accept(tax);
      count(counts, "tax");
    }
    ObjectNode rounding =
        invoiceRow(0, start, end, invoiceMonth, "rounding_error", "Rounding error");
    rounding.put("cost", new BigDecimal("0.000004"));
    records.accept(rounding);
    count(counts, "rounding error");
  }

  private int weightedSku() {
    int[] weights = {22, 18, 6, 16, 8, 10, 12, 8};
    int pick = random.nextInt(100);
    for (int i = 0; i < weights.length; i++) {
      pick -= weights[i];
      if (pick < 0) {
        return i;
      }
    }
    return 0;
  }

  private ObjectNode usage(int p, Sku sku, Instant hour, String invoiceMonth) {
    Instant end = hour.plus(1, ChronoUnit.HOURS);
    ObjectNode record = base(p, sku, hour, end, invoiceMonth);
    double pricingUnits =
        Math.max(0.000001, sku.typicalPricingUnits * (0.25 + 1.5 * random.nextDouble()));
    pricingUnits = Math.round(pricingUnits * 1_000_000d) / 1_000_000d;
    usageNode(record, sku, pricingUnits * sku.perPricingUnit);
    BigDecimal cost = money(sku.price.multiply(BigDecimal.valueOf(pricingUnits)));
    record.put("cost", cost);
    record.put("cost_at_list", money(cost.multiply(new BigDecimal("1.08"))));
    ObjectNode price = record.putObject("price");
    price.put("effective_price", sku.price);
    price.put("tier_start_amount", 0);
    price.put("unit", sku.pricingUnit);
    price.put("pricing_unit_quantity", 1);
    if (sku.resourceKind != null) {
      int instance = random.nextInt(4);
      String name = PROJECTS[p] + "-" + sku.resourceKind.replaceAll(".*/", "") + "-" + instance;
      ObjectNode resource = record.putObject("resource");
      resource.put("name", name);
      resource.put(
          "global_name",
          "//"
              + sku.resourceKind.replaceAll("/.*", "")
              + "/projects/"
              + PROJECTS[p]
              + "/zones/us-central1-a/"
              + sku.resourceKind.replaceAll(".*/", "")
              + "/"
              + name);
      if (random.nextInt(100) < 80) {
        ArrayNode labels = record.putArray("labels");
        label(labels, "team", TEAMS[(p + instance) % TEAMS.length]);
        label(labels, "app", APPS[(p * 3 + instance) % APPS.length]);
        label(labels, "env", PROJECTS[p].endsWith("staging") ? "staging" : "prod");
      }
    }
    if (sku.service.equals("Compute Engine")) {
      ArrayNode system = record.putArray("system_labels");
      label(system, "compute.googleapis.com/machine_spec", "n2-standard-4");
      label(system, "compute.googleapis.com/cores", "4");
    }
    ArrayNode credits = record.putArray("credits");
    int roll = random.nextInt(100);
    if (sku.compute() && p < 2 && roll < 40) {
      credit(
          credits,
          "Committed use discount: N2 CPU",
          "COMMITTED_USAGE_DISCOUNT",
          "commitments/" + PROJECTS[p] + "-n2-cpu-1y",
          cost.multiply(new BigDecimal("-0.45")));
    } else if (sku.compute() && roll < 70) {
      credit(
          credits,
          "Sustained Usage Discount",
          "SUSTAINED_USAGE_DISCOUNT",
          "",
          cost.multiply(new BigDecimal("-0.2")));
    } else if (sku.service.equals("Cloud Logging") && roll < 50) {
      credit(credits, "Free Tier", "FREE_TIER", "", cost.negate());
    }
    if (p == options.projects - 1 && random.nextInt(100) < 30) {
      credit(
          credits,
          "FreeTrial:Credit-" + account,
          "PROMOTION",
          "FreeTrial:Credit-" + account,
          cost.multiply(new BigDecimal("-0.5")));
    }
    return record;
  }

  private static void usageNode(ObjectNode record, Sku sku, double amount) {
    ObjectNode usage = record.putObject("usage");
    usage.put("amount", amount);
    usage.put("unit", sku.unit);
    usage.put("amount_in_pricing_units", amount / sku.perPricingUnit);
    usage.put("pricing_unit", sku.pricingUnit);
  }

  private ObjectNode invoiceRow(
      int p, Instant start, Instant end, String invoiceMonth, String costType, String what) {
    Sku invoice = new Sku("", "Invoice", "", what, null, null, 1, "0", null, 0);
    ObjectNode record = base(p, invoice, start, end, invoiceMonth);
    record.put("cost_type", costType);
    record.remove("usage");
    record.remove("location");
    return record;
  }

  private ObjectNode base(int p, Sku sku, Instant start, Instant end, String invoiceMonth) {
    ObjectNode record = JSON.createObjectNode();
    record.put("billing_account_id", account);
    ObjectNode service = record.putObject("service");
    service.put("id", sku.serviceId);
    service.put("description", sku.service);
    ObjectNode skuNode = record.putObject("sku");
    skuNode.put("id", sku.skuId);
    skuNode.put("description", sku.description);
    record.put("usage_start_time", start.toString());
    record.put("usage_end_time", end.toString());
    ObjectNode project = record.putObject("project");
    project.put("id", PROJECTS[p]);
    project.put("number", String.valueOf(100_000_000_000L + p * 7_919L));
    project.put("name", PROJECTS[p].replace('-', ' '));
    ArrayNode projectLabels = project.putArray("labels");
    if (p % 4 != 3) {
      label(projectLabels, "cost-center", "cc-" + (100 + p));
    }
    project.put("ancestry_numbers", "/1234567890/" + (p < 4 ? "111" : "222") + "/");
    ObjectNode location = record.putObject("location");
    location.put("location", "us-central1");
    location.put("country", "US");
    location.put("region", "us-central1");
    location.put("zone", "us-central1-a");
    ArrayNode tags = record.putArray("tags");
    if (p % 2 == 0) {
      ObjectNode tag = tags.addObject();
      tag.put("key", "environment");
      tag.put("value", PROJECTS[p].endsWith("staging") ? "staging" : "production");
      tag.put("inherited", true);
      tag.put("namespace", "1234567890");
    }
    record.put("export_time", end.plus(3, ChronoUnit.HOURS).toString());
    record.put("currency", "USD");
    record.put("currency_conversion_rate", 1.0);
    ObjectNode invoice = record.putObject("invoice");
    invoice.put("month", invoiceMonth);
    record.put("cost_type", "regular");
    return record;
  }

  private static void label(ArrayNode labels, String key, String value) {
    ObjectNode label = labels.addObject();
    label.put("key", key);
    label.put("value", value);
  }

  private static void credit(
      ArrayNode credits, String name, String type, String id, BigDecimal amount) {
    ObjectNode credit = credits.addObject();
    credit.put("name", name);
    credit.put("amount", money(amount));
    credit.putNull("full_name");
    credit.put("id", id);
    credit.put("type", type);
  }

  private static BigDecimal net(ObjectNode record) {
    BigDecimal net = record.get("cost").decimalValue();
    if (record.has("credits")) {
      for (com.fasterxml.jackson.databind.JsonNode credit : record.get("credits")) {
        net = net.add(credit.get("amount").decimalValue());
      }
    }
    return net;
  }

  private static BigDecimal money(BigDecimal value) {
    return value.setScale(6, RoundingMode.HALF_EVEN);
  }

  private static void count(Map<String, Long> counts, String kind) {
    counts.merge(kind, 1L, Long::sum);
  }
}
