package io.costlake.jobs.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A realistic synthetic Azure EA cost details export, deterministic for a seed: the actual-cost and
 * the amortized-cost exports of one enrollment, as Cost Management writes them ({@code
 * <out>/<enrollment>/<export>/<yyyyMMdd-yyyyMMdd>/<run>/part_0_0001.csv}). Pay-as-you-go usage of
 * virtual machines, disks, storage and SQL over several subscriptions; a monthly-paid VM
 * reservation that covers part of the VM hours (0 in the actual export, amortized in the other,
 * with UnusedReservation rows for idle capacity); a Marketplace purchase both exports carry; EA
 * tags without their outer braces and untagged resources.
 */
public final class AzureCostGenerator {
  /** What to generate. */
  public static final class Options {
    final int rows;
    final long seed;
    final YearMonth firstMonth;
    final int months;

    public Options(int rows, long seed, YearMonth firstMonth, int months) {
      this.rows = rows;
      this.seed = seed;
      this.firstMonth = firstMonth;
      this.months = months;
    }
  }

  /** What was written. */
  public static final class Result {
    private final String enrollment;
    private final Map<String, Long> rowsByKind;
    private final List<Path> files;

    Result(String enrollment, Map<String, Long> rowsByKind, List<Path> files) {
      this.enrollment = enrollment;
      this.rowsByKind = rowsByKind;
      this.files = files;
    }

    public String enrollment() {
      return enrollment;
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

  private static final String[] HEADER = {
    "BillingAccountId",
    "BillingAccountName",
    "BillingProfileId",
    "BillingProfileName",
    "BillingCurrencyCode",
    "BillingPeriodStartDate",
    "BillingPeriodEndDate",
    "SubscriptionId",
    "SubscriptionName",
    "ResourceGroup",
    "Date",
    "ChargeType",
    "Frequency",
    "PricingModel",
    "PublisherType",
    "PublisherName",
    "CostInBillingCurrency",
    "PaygCostInBillingCurrency",
    "Quantity",
    "UnitOfMeasure",
    "UnitPrice",
    "PayGPrice",
    "EffectivePrice",
    "MeterCategory",
    "MeterSubCategory",
    "MeterName",
    "MeterId",
    "ConsumedService",
    "ResourceId",
    "ResourceLocation",
    "Tags",
    "benefitId",
    "benefitName",
    "ProductName",
    "CostCenter",
    "AdditionalInfo"
  };
  private static final String[] SUBSCRIPTIONS = {"prod", "staging", "analytics", "shared-services"};
  private static final String[] TEAMS = {"web", "data", "platform", "finance"};

  /** A metered resource kind: what it is billed as, and its daily quantity and price. */
  private static final class Meter {
    final String category;
    final String subcategory;
    final String name;
    final String unit;
    final String service;
    final String provider;
    final BigDecimal price;
    final double dailyQuantity;
    final String product;

    Meter(
        String category,
        String subcategory,
        String name,
        String unit,
        String service,
        String provider,
        String price,
        double dailyQuantity,
        String product) {
      this.category = category;
      this.subcategory = subcategory;
      this.name = name;
      this.unit = unit;
      this.service = service;
      this.provider = provider;
      this.price = new BigDecimal(price);
      this.dailyQuantity = dailyQuantity;
      this.product = product;
    }
  }

  private static final Meter VM =
      new Meter(
          "Virtual Machines",
          "Dsv5 Series",
          "D4s v5",
          "1 Hour",
          "Microsoft.Compute",
          "virtualMachines",
          "0.192",
          24,
          "Virtual Machines Dsv5 Series - D4s v5 - EU West");
  private static final Meter[] METERS = {
    VM,
    new Meter(
        "Storage",
        "Premium SSD Managed Disks",
        "P10 LRS Disk",
        "1/Month",
        "Microsoft.Compute",
        "disks",
        "19.71",
        1.0 / 30,
        "Premium SSD Managed Disks - P10 LRS - EU West"),
    new Meter(
        "Storage",
        "Tiered Block Blob",
        "Hot LRS Data Stored",
        "1 GB/Month",
        "Microsoft.Storage",
        "storageAccounts",
        "0.0196",
        40,
        "Blob Storage - Hot LRS - EU West"),
    new Meter(
        "SQL Database",
        "General Purpose - Compute Gen5",
        "vCore",
        "1 Hour",
        "Microsoft.Sql",
        "servers",
        "0.2529",
        48,
        "SQL Database Single General Purpose - Compute Gen5 - EU West"),
    new Meter(
        "Bandwidth",
        "Inter-Region",
        "Inter-Region Data Transfer Out",
        "1 GB",
        "Microsoft.Network",
        "networkInterfaces",
        "0.02",
        25,
        "Bandwidth - Inter-Region"),
  };

  private final Options options;
  private final Random random;
  private final String enrollment;
  private final List<String> subscriptionIds = new ArrayList<>();
  private final String reservationOrder;
  private final String reservation;

  public AzureCostGenerator(Options options) {
    this.options = options;
    this.random = new Random(options.seed);
    this.enrollment = String.valueOf(80_000_000 + random.nextInt(9_999_999));
    for (int i = 0; i < SUBSCRIPTIONS.length; i++) {
      subscriptionIds.add(uuid());
    }
    this.reservationOrder = uuid();
    this.reservation = uuid();
  }

  private String uuid() {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  public Result generate(Path out) {
    Map<String, Long> counts = new TreeMap<>();
    List<Path> files = new ArrayList<>();
    int resourcesPerMonth = Math.max(4, options.rows / (options.months * 31 * 2));
    for (int m = 0; m < options.months; m++) {
      YearMonth month = options.firstMonth.plusMonths(m);
      String range =
          month.atDay(1).toString().replace("-", "")
              + "-"
              + month.atEndOfMonth().toString().replace("-", "");
      // Both exports are written as their rows are made: a bench month holds millions of them.
      try (CsvExport actual = new CsvExport(file(out, "ActualCost", range));
          CsvExport amortized = new CsvExport(file(out, "AmortizedCost", range))) {
        month(month, resourcesPerMonth, actual, amortized, counts);
        files.add(actual.file);
        files.add(amortized.file);
      }
    }
    return new Result(enrollment, counts, files);
  }

  private Path file(Path out, String export, String range) {
    return out.resolve(enrollment)
        .resolve(export)
        .resolve(range)
        .resolve(new UUID(range.hashCode(), export.hashCode()).toString())
        .resolve("part_0_0001.csv");
  }

  /** One export file, written a row at a time. */
  private static final class CsvExport implements AutoCloseable {
    final Path file;
    private final Writer writer;

    CsvExport(Path file) {
      this.file = file;
      try {
        Files.createDirectories(file.getParent());
        this.writer = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        writer.write(csv(HEADER));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void add(String[] row) {
      try {
        writer.write(csv(row));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      try {
        writer.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static String csv(String[] cells) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        line.append(',');
      }
      String cell = cells[i] == null ? "" : cells[i];
      if (cell.contains(",") || cell.contains("\"") || cell.contains("\n")) {
        line.append('"').append(cell.replace("\"", "\"\"")).append('"');
      } else {
        line.append(cell);
      }
    }
    return line.append("\r\n").toString();
  }

  private void month(
      YearMonth month,
      int resources,
      CsvExport actual,
      CsvExport amortized,
      Map<String, Long> counts) {
    int days = month.lengthOfMonth();
    Map<LocalDate, BigDecimal> reservedHours = new TreeMap<>();
    int reservedVms = 3;
    BigDecimal monthlyFee = new BigDecimal("245.28");
    // The reservation's hourly price spread over the month's reserved hours.
    BigDecimal hourly =
        monthlyFee.divide(BigDecimal.valueOf(reservedVms * 24L * days), 10, RoundingMode.HALF_EVEN);
    String benefitId =
        "/providers/Microsoft.Capacity/reservationOrders/"
            + reservationOrder
            + "/reservations/"
            + reservation;
    for (int r = 0; r < resources; r++) {
      Meter meter = METERS[r % METERS.length];
      int sub = r % SUBSCRIPTIONS.length;
      String group = TEAMS[(r / METERS.length) % TEAMS.length] + "-rg";
      String name = meter.provider.toLowerCase(Locale.ROOT) + "-" + r;
      String resourceId =
          "/subscriptions/"
              + subscriptionIds.get(sub)
              + "/resourceGroups/"
              + group
              + "/providers/"
              + meter.service
              + "/"
              + meter.provider
              + "/"
              + name;
      String tags = r % 5 == 4 ? "" : eaTags(r);
      boolean reserved = meter == VM && r / METERS.length < reservedVms;
      for (int d = 1; d <= days; d++) {
        LocalDate day = month.atDay(d);
        double quantity = meter.dailyQuantity * (meter == VM ? 1 : 0.6 + 0.8 * random.nextDouble());
        if (meter == VM && reserved && random.nextInt(10) == 0) {
          quantity = 12 + random.nextInt(12); // the VM was stopped part of the day
        }
        BigDecimal qty = BigDecimal.valueOf(quantity).setScale(6, RoundingMode.HALF_EVEN);
        BigDecimal payg = qty.multiply(meter.price).setScale(6, RoundingMode.HALF_EVEN);
        String[] row = base(month, day, sub, group, meter, resourceId, tags, qty);
        if (reserved) {
          BigDecimal amortizedCost = qty.multiply(hourly).setScale(6, RoundingMode.HALF_EVEN);
          set(row, "PricingModel", "Reservation");
          set(row, "benefitId", benefitId);
          set(row, "benefitName", "vm-d4sv5-weu-1y");
          set(row, "EffectivePrice", hourly.toPlainString());
          set(row, "PaygCostInBillingCurrency", payg.toPlainString());
          String[] covered = row.clone();
          set(row, "CostInBillingCurrency", "0");
          set(covered, "CostInBillingCurrency", amortizedCost.toPlainString());
          actual.add(row);
          amortized.add(covered);
          reservedHours.merge(day, qty, BigDecimal::add);
          count(counts, "reservation-covered usage (each export)");
        } else {
          set(row, "CostInBillingCurrency", payg.toPlainString());
          set(row, "PaygCostInBillingCurrency", payg.toPlainString());
          actual.add(row);
          amortized.add(row.clone());
          count(counts, "pay-as-you-go usage (each export)");
        }
      }
    }
    unusedReservation(month, reservedVms, hourly, benefitId, reservedHours, amortized, counts);
    purchases(month, monthlyFee, benefitId, actual, amortized, counts);
  }

  /** Idle reserved hours: only the amortized export shows them, per day. */
  private void unusedReservation(
      YearMonth month,
      int reservedVms,
      BigDecimal hourly,
      String benefitId,
      Map<LocalDate, BigDecimal> reservedHours,
      CsvExport amortized,
      Map<String, Long> counts) {
    int days = month.lengthOfMonth();
    for (int d = 1; d <= days; d++) {
      BigDecimal used = reservedHours.getOrDefault(month.atDay(d), BigDecimal.ZERO);
      BigDecimal idle = BigDecimal.valueOf(reservedVms * 24L).subtract(used);
      if (idle.signum() > 0) {
        String[] unused = base(month, month.atDay(d), 0, "", VM, null, "", idle);
        set(unused, "ChargeType", "UnusedReservation");
        set(unused, "PricingModel", "Reservation");
        set(unused, "benefitId", benefitId);
        set(unused, "benefitName", "vm-d4sv5-weu-1y");
        set(unused, "UnitPrice", "0");
        set(unused, "EffectivePrice", hourly.toPlainString());
        set(
            unused,
            "CostInBillingCurrency",
            idle.multiply(hourly).setScale(6, RoundingMode.HALF_EVEN).toPlainString());
        set(unused, "ResourceId", "");
        amortized.add(unused);
        count(counts, "unused reservation (amortized only)");
      }
    }
  }

  /** The reservation's monthly purchase (actual export only) and a marketplace plan (both). */
  private void purchases(
      YearMonth month,
      BigDecimal monthlyFee,
      String benefitId,
      CsvExport actual,
      CsvExport amortized,
      Map<String, Long> counts) {
    String[] purchase = base(month, month.atDay(1), 3, "", VM, null, "", BigDecimal.ONE);
    set(purchase, "ChargeType", "Purchase");
    set(purchase, "Frequency", "Recurring");
    set(purchase, "PricingModel", "Reservation");
    set(purchase, "benefitId", benefitId);
    set(purchase, "benefitName", "vm-d4sv5-weu-1y");
    set(purchase, "CostInBillingCurrency", monthlyFee.toPlainString());
    set(purchase, "UnitPrice", monthlyFee.toPlainString());
    set(purchase, "MeterName", "Reservation-Base VM");
    set(purchase, "ProductName", "Reserved VM Instance, Standard_D4s_v5, EU West, 1 Year");
    set(purchase, "UnitOfMeasure", "1 Hour");
    set(purchase, "ResourceId", "");
    actual.add(purchase);
    count(counts, "reservation purchase (actual only)");

    String[] marketplace = base(month, month.atDay(1), 0, "", VM, null, "", BigDecimal.ONE);
    set(marketplace, "ChargeType", "Purchase");
    set(marketplace, "Frequency", "Recurring");
    set(marketplace, "PricingModel", "OnDemand");
    set(marketplace, "PublisherType", "Marketplace");
    set(marketplace, "PublisherName", "Contoso Security Ltd");
    set(marketplace, "MeterCategory", "SaaS");
    set(marketplace, "MeterSubCategory", "");
    set(marketplace, "MeterName", "Contoso WAF - Standard Plan");
    set(marketplace, "ConsumedService", "Microsoft.SaaS");
    set(marketplace, "ProductName", "Contoso WAF - Standard Plan");
    set(marketplace, "UnitOfMeasure", "1/Month");
    set(marketplace, "CostInBillingCurrency", "99.000000");
    set(marketplace, "PaygCostInBillingCurrency", "99.000000");
    set(marketplace, "UnitPrice", "99");
    set(marketplace, "PayGPrice", "99");
    set(marketplace, "ResourceId", "");
    actual.add(marketplace);
    amortized.add(marketplace.clone());
    count(counts, "marketplace purchase (each export)");
  }

  private String[] base(
      YearMonth month,
      LocalDate day,
      int sub,
      String group,
      Meter meter,
      String resourceId,
      String tags,
      BigDecimal quantity) {
    String[] row = new String[HEADER.length];
    set(row, "BillingAccountId", enrollment);
    set(row, "BillingAccountName", "Contoso Ltd EA");
    set(row, "BillingProfileId", enrollment);
    set(row, "BillingProfileName", "Contoso Ltd EA");
    set(row, "BillingCurrencyCode", "EUR");
    set(row, "BillingPeriodStartDate", month.atDay(1).toString());
    set(row, "BillingPeriodEndDate", month.atEndOfMonth().toString());
    set(row, "SubscriptionId", subscriptionIds.get(sub));
    set(row, "SubscriptionName", SUBSCRIPTIONS[sub]);
    set(row, "ResourceGroup", group);
    set(row, "Date", day.toString());
    set(row, "ChargeType", "Usage");
    set(row, "Frequency", "UsageBased");
    set(row, "PricingModel", "OnDemand");
    set(row, "PublisherType", "Azure");
    set(row, "PublisherName", "Microsoft");
    set(row, "Quantity", quantity.toPlainString());
    set(row, "UnitOfMeasure", meter.unit);
    set(row, "UnitPrice", meter.price.toPlainString());
    set(row, "PayGPrice", meter.price.toPlainString());
    set(row, "EffectivePrice", meter.price.toPlainString());
    set(row, "MeterCategory", meter.category);
    set(row, "MeterSubCategory", meter.subcategory);
    set(row, "MeterName", meter.name);
    set(row, "MeterId", new UUID(meter.name.hashCode(), meter.category.hashCode()).toString());
    set(row, "ConsumedService", meter.service);
    set(row, "ResourceId", resourceId);
    set(row, "ResourceLocation", "westeurope");
    set(row, "Tags", tags);
    set(row, "ProductName", meter.product);
    set(row, "CostCenter", "CC-" + (100 + sub));
    return row;
  }

  private static String eaTags(int resource) {
    return "\"team\": \""
        + TEAMS[resource % TEAMS.length]
        + "\",\"env\": \""
        + (resource % 3 == 0 ? "prod" : "dev")
        + "\"";
  }

  private static final Map<String, Integer> POSITIONS = positions();

  private static Map<String, Integer> positions() {
    Map<String, Integer> positions = new java.util.HashMap<>();
    for (int i = 0; i < HEADER.length; i++) {
      positions.put(HEADER[i], i);
    }
    return positions;
  }

  private static void set(String[] row, String column, String value) {
    row[POSITIONS.get(column)] = value;
  }

  private static void count(Map<String, Long> counts, String kind) {
    counts.merge(kind, 1L, Long::sum);
  }
}
