package io.costlake.jobs.generate;

import static io.costlake.jobs.generate.CurColumns.AZ;
import static io.costlake.jobs.generate.CurColumns.BILLING_ENTITY;
import static io.costlake.jobs.generate.CurColumns.BILL_TYPE;
import static io.costlake.jobs.generate.CurColumns.BLENDED_COST;
import static io.costlake.jobs.generate.CurColumns.BLENDED_RATE;
import static io.costlake.jobs.generate.CurColumns.COST_CATEGORY_TEAM;
import static io.costlake.jobs.generate.CurColumns.CURRENCY;
import static io.costlake.jobs.generate.CurColumns.DESCRIPTION;
import static io.costlake.jobs.generate.CurColumns.INSTANCE_TYPE;
import static io.costlake.jobs.generate.CurColumns.INVOICE_ID;
import static io.costlake.jobs.generate.CurColumns.INVOICING_ENTITY;
import static io.costlake.jobs.generate.CurColumns.LEASE_LENGTH;
import static io.costlake.jobs.generate.CurColumns.LEGAL_ENTITY;
import static io.costlake.jobs.generate.CurColumns.LINE_ITEM_ID;
import static io.costlake.jobs.generate.CurColumns.LOCATION;
import static io.costlake.jobs.generate.CurColumns.NET_UNBLENDED_COST;
import static io.costlake.jobs.generate.CurColumns.NET_UNBLENDED_RATE;
import static io.costlake.jobs.generate.CurColumns.OPERATION;
import static io.costlake.jobs.generate.CurColumns.PAYER;
import static io.costlake.jobs.generate.CurColumns.PERIOD_END;
import static io.costlake.jobs.generate.CurColumns.PERIOD_START;
import static io.costlake.jobs.generate.CurColumns.PRICING_CURRENCY;
import static io.costlake.jobs.generate.CurColumns.PRODUCT_CODE;
import static io.costlake.jobs.generate.CurColumns.PRODUCT_FAMILY;
import static io.costlake.jobs.generate.CurColumns.PRODUCT_NAME;
import static io.costlake.jobs.generate.CurColumns.PRODUCT_USAGE_TYPE;
import static io.costlake.jobs.generate.CurColumns.PUBLIC_COST;
import static io.costlake.jobs.generate.CurColumns.PUBLIC_RATE;
import static io.costlake.jobs.generate.CurColumns.PURCHASE_OPTION;
import static io.costlake.jobs.generate.CurColumns.RATE_CODE;
import static io.costlake.jobs.generate.CurColumns.REGION;
import static io.costlake.jobs.generate.CurColumns.RESOURCE_ID;
import static io.costlake.jobs.generate.CurColumns.RI_ARN;
import static io.costlake.jobs.generate.CurColumns.RI_COUNT;
import static io.costlake.jobs.generate.CurColumns.RI_EFFECTIVE;
import static io.costlake.jobs.generate.CurColumns.RI_END;
import static io.costlake.jobs.generate.CurColumns.RI_NET_EFFECTIVE;
import static io.costlake.jobs.generate.CurColumns.RI_NET_UNUSED_RECURRING;
import static io.costlake.jobs.generate.CurColumns.RI_NET_UNUSED_UPFRONT;
import static io.costlake.jobs.generate.CurColumns.RI_RECURRING_FOR_USAGE;
import static io.costlake.jobs.generate.CurColumns.RI_START;
import static io.costlake.jobs.generate.CurColumns.RI_TOTAL_UNITS;
import static io.costlake.jobs.generate.CurColumns.RI_UNUSED_QUANTITY;
import static io.costlake.jobs.generate.CurColumns.RI_UNUSED_RECURRING;
import static io.costlake.jobs.generate.CurColumns.RI_UNUSED_UPFRONT;
import static io.costlake.jobs.generate.CurColumns.RI_UPFRONT_FOR_PERIOD;
import static io.costlake.jobs.generate.CurColumns.RI_UPFRONT_FOR_USAGE;
import static io.costlake.jobs.generate.CurColumns.SERVICE_CODE;
import static io.costlake.jobs.generate.CurColumns.SKU;
import static io.costlake.jobs.generate.CurColumns.SP_ARN;
import static io.costlake.jobs.generate.CurColumns.SP_EFFECTIVE;
import static io.costlake.jobs.generate.CurColumns.SP_END;
import static io.costlake.jobs.generate.CurColumns.SP_NET_EFFECTIVE;
import static io.costlake.jobs.generate.CurColumns.SP_PAYMENT_OPTION;
import static io.costlake.jobs.generate.CurColumns.SP_RATE;
import static io.costlake.jobs.generate.CurColumns.SP_RECURRING_FOR_PERIOD;
import static io.costlake.jobs.generate.CurColumns.SP_START;
import static io.costlake.jobs.generate.CurColumns.SP_TERM;
import static io.costlake.jobs.generate.CurColumns.SP_TOTAL;
import static io.costlake.jobs.generate.CurColumns.SP_UPFRONT_FOR_PERIOD;
import static io.costlake.jobs.generate.CurColumns.SP_USED;
import static io.costlake.jobs.generate.CurColumns.TAG_COST_CENTER;
import static io.costlake.jobs.generate.CurColumns.TAG_COST_CENTER_VARIANT;
import static io.costlake.jobs.generate.CurColumns.TAG_CREATED_BY;
import static io.costlake.jobs.generate.CurColumns.TAG_ENVIRONMENT;
import static io.costlake.jobs.generate.CurColumns.TAG_NAME;
import static io.costlake.jobs.generate.CurColumns.TAG_OWNER;
import static io.costlake.jobs.generate.CurColumns.TAX_TYPE;
import static io.costlake.jobs.generate.CurColumns.TERM;
import static io.costlake.jobs.generate.CurColumns.TIME_INTERVAL;
import static io.costlake.jobs.generate.CurColumns.TYPE;
import static io.costlake.jobs.generate.CurColumns.UNBLENDED_COST;
import static io.costlake.jobs.generate.CurColumns.UNBLENDED_RATE;
import static io.costlake.jobs.generate.CurColumns.UNIT;
import static io.costlake.jobs.generate.CurColumns.USAGE_ACCOUNT;
import static io.costlake.jobs.generate.CurColumns.USAGE_AMOUNT;
import static io.costlake.jobs.generate.CurColumns.USAGE_END;
import static io.costlake.jobs.generate.CurColumns.USAGE_START;
import static io.costlake.jobs.generate.CurColumns.USAGE_TYPE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Writes a realistic synthetic AWS CUR 1.0 (daily granularity) in AWS's own delivery layout: per
 * billing period a period-level {@code <report>-Manifest.json} naming the gzip CSV parts of the
 * current assembly. Every line item type costlake maps is present in realistic proportions: on
 * demand usage, Reserved Instance and Savings Plan coverage with their fees (upfront, recurring,
 * negation, unused), an EDP discount with net columns, tax, credits, and refunds, one of which
 * corrects the previous period. Several linked accounts, tag spelling variants and untagged
 * resources. Amounts have 10 decimals at most, so every sum is exact.
 *
 * <p>Deterministic: the same options give the same bytes.
 */
public final class AwsCurGenerator {
  static final String REPORT = "costlake-cur";
  static final String BUCKET = "costlake-demo-billing";
  static final String PREFIX = "cur";
  private static final int SCALE = 10;
  private static final BigDecimal HOURS_PER_DAY = BigDecimal.valueOf(24);
  static final int RUNAWAY_FLEET = 500;
  private static final BigDecimal EDP_RATE = new BigDecimal("0.03");
  private static final BigDecimal TAX_RATE = new BigDecimal("0.07");
  private static final BigDecimal SP_DISCOUNT = new BigDecimal("0.72");
  private static final DateTimeFormatter COMPACT =
      DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
  private static final String[] ACCOUNT_NAMES = {
    "prod-web",
    "prod-data",
    "staging",
    "shared-services",
    "analytics",
    "ml-platform",
    "sandbox",
    "security"
  };
  private static final String[] TEAMS = {"payments", "search", "data-eng", "platform", "ml"};
  private static final String[][] REGIONS = {
    {"us-east-1", "US East (N. Virginia)"},
    {"eu-west-1", "EU (Ireland)"},
    {"us-west-2", "US West (Oregon)"}
  };

  /** What to generate. */
  public static final class Options {
    final long rows;
    final long seed;
    final YearMonth firstPeriod;
    final int months;
    final int accounts;
    final long rowsPerFile;
    final boolean olderAssembly;
    final LocalDate spikeDay;

    public Options(
        long rows,
        long seed,
        YearMonth firstPeriod,
        int months,
        int accounts,
        long rowsPerFile,
        boolean olderAssembly) {
      this(rows, seed, firstPeriod, months, accounts, rowsPerFile, olderAssembly, null);
    }

    /**
     * With a planted spike: on {@code spikeDay} one on-demand EC2 instance runs as a fleet of
     * {@value AwsCurGenerator#RUNAWAY_FLEET} (a runaway autoscaling group), for anomaly detection
     * to find.
     */
    public Options withSpike(LocalDate day) {
      return new Options(
          rows, seed, firstPeriod, months, accounts, rowsPerFile, olderAssembly, day);
    }

    private Options(
        long rows,
        long seed,
        YearMonth firstPeriod,
        int months,
        int accounts,
        long rowsPerFile,
        boolean olderAssembly,
        LocalDate spikeDay) {
      if (rows < 1
          || months < 1
          || accounts < 1
          || accounts > ACCOUNT_NAMES.length
          || rowsPerFile < 1) {
        throw new IllegalArgumentException(
            "rows, months and rows per file must be positive; accounts between 1 and "
                + ACCOUNT_NAMES.length);
      }
      this.rows = rows;
      this.seed = seed;
      this.firstPeriod = firstPeriod;
      this.months = months;
      this.accounts = accounts;
      this.rowsPerFile = rowsPerFile;
      this.olderAssembly = olderAssembly;
      this.spikeDay = spikeDay;
    }
  }

  /** What was written. */
  public static final class Result {
    private final String payer;
    private final List<Path> manifests;
    private final Map<String, Long> rowsByType;

    Result(String payer, List<Path> manifests, Map<String, Long> rowsByType) {
      this.payer = payer;
      this.manifests = List.copyOf(manifests);
      this.rowsByType = Map.copyOf(rowsByType);
    }

    public String payer() {
      return payer;
    }

    public List<Path> manifests() {
      return manifests;
    }

    public Map<String, Long> rowsByType() {
      return rowsByType;
    }

    public long rows() {
      return rowsByType.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** A billable service and its daily usage. */
  private static final class Service {
    final String code;
    final String name;
    final String usageType;
    final String operation;
    final String unit;
    final BigDecimal rate;
    final String family;
    final int weight;

    Service(
        String code,
        String name,
        String usageType,
        String operation,
        String unit,
        String rate,
        String family,
        int weight) {
      this.code = code;
      this.name = name;
      this.usageType = usageType;
      this.operation = operation;
      this.unit = unit;
      this.rate = new BigDecimal(rate);
      this.family = family;
      this.weight = weight;
    }
  }

  private static final Service EC2 =
      new Service(
          "AmazonEC2",
          "Amazon Elastic Compute Cloud",
          "BoxUsage:m5.large",
          "RunInstances",
          "Hrs",
          "0.096",
          "Compute Instance",
          34);
  private static final Service EBS =
      new Service(
          "AmazonEC2",
          "Amazon Elastic Compute Cloud",
          "EBS:VolumeUsage.gp3",
          "CreateVolume-Gp3",
          "GB-Mo",
          "0.08",
          "Storage",
          14);
  private static final Service S3 =
      new Service(
          "AmazonS3",
          "Amazon Simple Storage Service",
          "TimedStorage-ByteHrs",
          "StandardStorage",
          "GB-Mo",
          "0.023",
          "Storage",
          10);
  private static final Service RDS =
      new Service(
          "AmazonRDS",
          "Amazon Relational Database Service",
          "InstanceUsage:db.r5.large",
          "CreateDBInstance:0002",
          "Hrs",
          "0.25",
          "Database Instance",
          8);
  private static final Service LAMBDA =
      new Service(
          "AWSLambda",
          "AWS Lambda",
          "Lambda-GB-Second",
          "Invoke",
          "Lambda-GB-Second",
          "0.0000166667",
          "Serverless",
          8);
  private static final Service TRANSFER =
      new Service(
          "AWSDataTransfer",
          "AWS Data Transfer",
          "DataTransfer-Out-Bytes",
          "",
          "GB",
          "0.09",
          "Data Transfer",
          10);
  private static final Service CLOUDWATCH =
      new Service(
          "AmazonCloudWatch",
          "AmazonCloudWatch",
          "CW:MetricMonitorUsage",
          "MetricStorage",
          "Metrics",
          "0.30",
          "Metric",
          6);
  private static final Service DYNAMODB =
      new Service(
          "AmazonDynamoDB",
          "Amazon DynamoDB",
          "ReadCapacityUnit-Hrs",
          "CommittedThroughput",
          "ReadCapacityUnit-Hrs",
          "0.00013",
          "Provisioned IOPS",
          6);
  private static final Service EKS =
      new Service(
          "AmazonEKS",
          "Amazon Elastic Container Service for Kubernetes",
          "AmazonEKS-Hours:perCluster",
          "CreateOperation",
          "Hours",
          "0.10",
          "Compute",
          4);
  private static final List<Service> SERVICES =
      List.of(EC2, EBS, S3, RDS, LAMBDA, TRANSFER, CLOUDWATCH, DYNAMODB, EKS);

  /** How a resource's usage is paid for. */
  private enum Coverage {
    ON_DEMAND,
    RESERVED,
    SAVINGS_PLAN
  }

  /** One resource: billed once a day. */
  private static final class Resource {
    final int account;
    final Service service;
    final String[] region;
    final String id;
    final BigDecimal dailyAmount;
    final String[] tags;
    Coverage coverage = Coverage.ON_DEMAND;

    Resource(
        int account,
        Service service,
        String[] region,
        String id,
        BigDecimal dailyAmount,
        String[] tags) {
      this.account = account;
      this.service = service;
      this.region = region;
      this.id = id;
      this.dailyAmount = dailyAmount;
      this.tags = tags;
    }

    BigDecimal onDemandCost() {
      return money(dailyAmount.multiply(service.rate));
    }
  }

  /** A Reserved Instance purchase. */
  private static final class Reservation {
    final String arn;
    final Service service;
    final int account;
    final int count;
    final int coveredInstances;
    final BigDecimal recurringPerHour;
    final BigDecimal upfrontPerHour;
    final String purchaseOption;

    Reservation(
        String arn,
        Service service,
        int account,
        int count,
        int covered,
        String recurring,
        String upfront,
        String option) {
      this.arn = arn;
      this.service = service;
      this.account = account;
      this.count = count;
      this.coveredInstances = covered;
      this.recurringPerHour = new BigDecimal(recurring);
      this.upfrontPerHour = new BigDecimal(upfront);
      this.purchaseOption = option;
    }
  }

  private final Options options;
  private final SplittableRandom random;
  private final String payer;
  private final List<String> accountIds = new ArrayList<>();
  private final Map<String, Long> rowsByType = new TreeMap<>();
  private long lineCounter;
  private Resource runaway;

  public AwsCurGenerator(Options options) {
    this.options = options;
    this.random = new SplittableRandom(options.seed);
    this.payer = twelveDigits(random);
    for (int i = 0; i < options.accounts; i++) {
      accountIds.add(i == 0 ? payer : twelveDigits(random));
    }
  }

  /** Writes the report under {@code out}/{@value #REPORT}/. */
  public Result generate(Path out) {
    LocalDate first = options.firstPeriod.atDay(1);
    LocalDate end = options.firstPeriod.plusMonths(options.months).atDay(1);
    long days = java.time.temporal.ChronoUnit.DAYS.between(first, end);
    // One usage row per resource per day; Savings Plan covered rows add their negation (~7%).
    int resourcesPerDay = (int) Math.max(SERVICES.size(), Math.round(options.rows * 0.93 / days));
    List<Resource> resources = resources(resourcesPerDay);
    List<Reservation> reservations = reservations(resources);
    BigDecimal spCommitmentPerHour = savingsPlanCommitment(resources);
    runaway =
        resources.stream()
            .filter(r -> r.service == EC2 && r.coverage == Coverage.ON_DEMAND)
            .findFirst()
            .orElse(null);
    String spArn = "arn:aws:savingsplans::" + payer + ":savingsplan/" + uuid("sp").toString();
    List<Path> manifests = new ArrayList<>();
    for (int m = 0; m < options.months; m++) {
      YearMonth period = options.firstPeriod.plusMonths(m);
      manifests.add(
          writePeriod(out, period, m == 0, resources, reservations, spArn, spCommitmentPerHour));
    }
    return new Result(payer, manifests, rowsByType);
  }

  private Path writePeriod(
      Path out,
      YearMonth period,
      boolean firstMonth,
      List<Resource> resources,
      List<Reservation> reservations,
      String spArn,
      BigDecimal spPerHour) {
    LocalDate start = period.atDay(1);
    LocalDate end = period.plusMonths(1).atDay(1);
    String periodFolder = start.format(COMPACT) + "-" + end.format(COMPACT);
    UUID assembly = uuid("assembly-" + period);
    Path folder = out.resolve(REPORT).resolve(periodFolder);
    Path assemblyFolder = folder.resolve(assembly.toString());
    MonthWriter month;
    try (GzipCsvParts parts =
        new GzipCsvParts(assemblyFolder, REPORT, CurColumns.header(), options.rowsPerFile)) {
      month = new MonthWriter(parts, period);
      month.writeMonth(firstMonth, resources, reservations, spArn, spPerHour);
    }
    List<String> keys = new ArrayList<>();
    for (Path part : month.parts.parts()) {
      keys.add(
          PREFIX + "/" + REPORT + "/" + periodFolder + "/" + assembly + "/" + part.getFileName());
    }
    String manifest = manifest(assembly, period, keys);
    write(folder.resolve(REPORT + "-Manifest.json"), manifest);
    write(assemblyFolder.resolve(REPORT + "-Manifest.json"), manifest);
    if (options.olderAssembly) {
      writeOlderAssembly(folder, period, month.parts.parts().get(0));
    }
    return folder.resolve(REPORT + "-Manifest.json");
  }

  /**
   * An earlier assembly of the same period, as AWS leaves them in the bucket during a month: the
   * first half of the first part, under its own assembly folder and manifest. The period manifest
   * does not name it, so it must never be read.
   */
  private void writeOlderAssembly(Path folder, YearMonth period, Path firstPart) {
    UUID older = uuid("older-assembly-" + period);
    Path olderFolder = folder.resolve(older.toString());
    try {
      Files.createDirectories(olderFolder);
      List<String> lines = new ArrayList<>();
      try (var in =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(
                  new java.util.zip.GZIPInputStream(Files.newInputStream(firstPart)),
                  StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          lines.add(line);
        }
      }
      Path part = olderFolder.resolve(REPORT + "-00001.csv.gz");
      try (var outStream =
          new java.io.OutputStreamWriter(
              new java.util.zip.GZIPOutputStream(Files.newOutputStream(part)),
              StandardCharsets.UTF_8)) {
        for (String line : lines.subList(0, Math.max(2, lines.size() / 2))) {
          outStream.write(line);
          outStream.write('\n');
        }
      }
      String periodFolder = folder.getFileName().toString();
      write(
          olderFolder.resolve(REPORT + "-Manifest.json"),
          manifest(
              older,
              period,
              List.of(
                  PREFIX
                      + "/"
                      + REPORT
                      + "/"
                      + periodFolder
                      + "/"
                      + older
                      + "/"
                      + part.getFileName())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes one billing period's line items, day by day, then the monthly ones. */
  private final class MonthWriter {
    final GzipCsvParts parts;
    final YearMonth period;
    final String periodStart;
    final String periodEnd;
    final String invoiceId;
    final Map<String, BigDecimal> taxable = new TreeMap<>();

    MonthWriter(GzipCsvParts parts, YearMonth period) {
      this.parts = parts;
      this.period = period;
      this.periodStart = instant(period.atDay(1));
      this.periodEnd = instant(period.plusMonths(1).atDay(1));
      this.invoiceId = "EUINUS" + period.toString().replace("-", "") + payer.substring(8);
    }

    void writeMonth(
        boolean firstMonth,
        List<Resource> resources,
        List<Reservation> reservations,
        String spArn,
        BigDecimal spPerHour) {
      if (firstMonth) {
        for (Reservation reservation : reservations) {
          if (reservation.upfrontPerHour.signum() > 0) {
            riUpfrontFee(reservation);
          }
        }
        spUpfrontFee(spArn, spPerHour);
      }
      for (Reservation reservation : reservations) {
        riFee(reservation);
      }
      for (LocalDate day = period.atDay(1);
          day.isBefore(period.plusMonths(1).atDay(1));
          day = day.plusDays(1)) {
        writeDay(day, resources, reservations, spArn, spPerHour);
      }
      taxes();
      credit();
      refund();
    }

    private void writeDay(
        LocalDate day,
        List<Resource> resources,
        List<Reservation> reservations,
        String spArn,
        BigDecimal spPerHour) {
      String from = instant(day);
      String to = instant(day.plusDays(1));
      Map<String, BigDecimal> discounts = new TreeMap<>();
      BigDecimal spUsed = BigDecimal.ZERO;
      for (Resource resource : resources) {
        switch (resource.coverage) {
          case RESERVED:
            discountedUsage(resource, reservationFor(resource, reservations), from, to);
            break;
          case SAVINGS_PLAN:
            spUsed = spUsed.add(savingsPlanUsage(resource, spArn, from, to));
            break;
          default:
            BigDecimal discount = usage(resource, from, to);
            discounts.merge(
                resource.account + "|" + resource.service.code, discount, BigDecimal::add);
        }
      }
      for (Map.Entry<String, BigDecimal> entry : discounts.entrySet()) {
        String[] key = entry.getKey().split("\\|");
        edpDiscount(Integer.parseInt(key[0]), key[1], entry.getValue(), from, to);
      }
      spRecurringFee(spArn, spPerHour, spUsed, from, to);
    }

    /** On-demand usage; returns the EDP discount folded into its net cost. */
    private BigDecimal usage(Resource r, String from, String to) {
      boolean runs =
          r == runaway && options.spikeDay != null && from.equals(instant(options.spikeDay));
      BigDecimal fleet = BigDecimal.valueOf(runs ? RUNAWAY_FLEET : 1);
      BigDecimal cost = r.onDemandCost().multiply(fleet);
      BigDecimal discount = money(cost.multiply(EDP_RATE));
      String[] row = base(r.account, "Usage", from, to);
      usageColumns(row, r);
      set(row, USAGE_AMOUNT, plain(r.dailyAmount.multiply(fleet)));
      set(row, UNBLENDED_RATE, plain(r.service.rate));
      set(row, UNBLENDED_COST, amount(r, cost));
      set(row, BLENDED_RATE, plain(r.service.rate));
      set(row, BLENDED_COST, amount(r, cost));
      set(
          row,
          NET_UNBLENDED_RATE,
          plain(r.service.rate.multiply(BigDecimal.ONE.subtract(EDP_RATE))));
      set(row, NET_UNBLENDED_COST, amount(r, cost.subtract(discount)));
      set(row, PUBLIC_COST, amount(r, cost));
      set(row, PUBLIC_RATE, plain(r.service.rate));
      set(row, TERM, "OnDemand");
      set(
          row,
          DESCRIPTION,
          "$" + plain(r.service.rate) + " per " + r.service.unit + " of " + r.service.usageType);
      taxable.merge(r.account + "|" + r.service.code, cost.subtract(discount), BigDecimal::add);
      emit(row);
      return discount;
    }

    private void discountedUsage(Resource r, Reservation ri, String from, String to) {
      BigDecimal hours = r.dailyAmount;
      String[] row = base(r.account, "DiscountedUsage", from, to);
      usageColumns(row, r);
      set(row, UNBLENDED_RATE, "0");
      set(row, UNBLENDED_COST, "0");
      set(row, NET_UNBLENDED_RATE, "0");
      set(row, NET_UNBLENDED_COST, "0");
      set(row, PUBLIC_COST, plain(r.onDemandCost()));
      set(row, PUBLIC_RATE, plain(r.service.rate));
      set(row, TERM, "Reserved");
      set(row, PURCHASE_OPTION, ri.purchaseOption);
      set(row, LEASE_LENGTH, "1yr");
      set(row, RI_ARN, ri.arn);
      BigDecimal recurring = money(hours.multiply(ri.recurringPerHour));
      BigDecimal upfront = money(hours.multiply(ri.upfrontPerHour));
      set(row, RI_RECURRING_FOR_USAGE, plain(recurring));
      set(row, RI_UPFRONT_FOR_USAGE, plain(upfront));
      set(row, RI_EFFECTIVE, plain(recurring.add(upfront)));
      set(row, RI_NET_EFFECTIVE, plain(recurring.add(upfront)));
      set(row, DESCRIPTION, r.service.usageType + " reserved instance applied");
      emit(row);
    }

    /**
     * Covered usage at its on-demand cost, and the negation that cancels it; returns the SP cost.
     */
    private BigDecimal savingsPlanUsage(Resource r, String spArn, String from, String to) {
      BigDecimal cost = r.onDemandCost();
      BigDecimal spCost = money(cost.multiply(SP_DISCOUNT));
      String[] covered = base(r.account, "SavingsPlanCoveredUsage", from, to);
      usageColumns(covered, r);
      set(covered, UNBLENDED_RATE, plain(r.service.rate));
      set(covered, UNBLENDED_COST, amount(r, cost));
      set(covered, NET_UNBLENDED_RATE, plain(r.service.rate));
      set(covered, NET_UNBLENDED_COST, amount(r, cost));
      set(covered, PUBLIC_COST, amount(r, cost));
      set(covered, PUBLIC_RATE, plain(r.service.rate));
      set(covered, TERM, "OnDemand");
      set(covered, SP_ARN, spArn);
      set(covered, SP_RATE, plain(r.service.rate.multiply(SP_DISCOUNT)));
      set(covered, SP_EFFECTIVE, amount(r, spCost));
      set(covered, SP_NET_EFFECTIVE, amount(r, spCost));
      set(covered, DESCRIPTION, "Usage covered by Compute Savings Plan");
      emit(covered);
      String[] negation = base(r.account, "SavingsPlanNegation", from, to);
      usageColumns(negation, r);
      set(negation, UNBLENDED_RATE, plain(r.service.rate.negate()));
      set(negation, UNBLENDED_COST, amount(r, cost.negate()));
      set(negation, NET_UNBLENDED_RATE, plain(r.service.rate.negate()));
      set(negation, NET_UNBLENDED_COST, amount(r, cost.negate()));
      set(negation, SP_ARN, spArn);
      set(
          negation,
          DESCRIPTION,
          "SavingsPlanNegation used by AccountId : " + accountIds.get(r.account));
      emit(negation);
      return spCost;
    }

    private void edpDiscount(
        int account, String productCode, BigDecimal discount, String from, String to) {
      String[] row = base(account, "EdpDiscount", from, to);
      set(row, PRODUCT_CODE, productCode);
      set(row, USAGE_TYPE, "EDP-Discount");
      set(row, UNBLENDED_COST, plain(discount.negate()));
      set(row, BLENDED_COST, plain(discount.negate()));
      set(row, NET_UNBLENDED_COST, "0");
      set(row, DESCRIPTION, "Enterprise Discount Program discount (3%)");
      emit(row);
    }

    private void spRecurringFee(
        String spArn, BigDecimal perHour, BigDecimal used, String from, String to) {
      BigDecimal daily = money(perHour.multiply(HOURS_PER_DAY));
      BigDecimal half = money(daily.divide(BigDecimal.valueOf(2), SCALE, RoundingMode.HALF_UP));
      BigDecimal recurring = daily.subtract(half);
      String[] row = base(0, "SavingsPlanRecurringFee", from, to);
      set(row, PRODUCT_CODE, "ComputeSavingsPlans");
      set(row, PRODUCT_NAME, "Savings Plans for AWS Compute usage");
      set(row, USAGE_TYPE, "ComputeSP:1yrPartialUpfront");
      set(row, RESOURCE_ID, spArn);
      set(row, USAGE_AMOUNT, "24");
      set(row, UNIT, "Hrs");
      set(
          row,
          UNBLENDED_RATE,
          plain(perHour.divide(BigDecimal.valueOf(2), SCALE, RoundingMode.HALF_UP)));
      set(row, UNBLENDED_COST, plain(recurring));
      set(row, NET_UNBLENDED_COST, plain(recurring));
      set(row, SP_ARN, spArn);
      set(row, SP_TOTAL, plain(daily));
      set(row, SP_USED, plain(used.min(daily)));
      set(row, SP_UPFRONT_FOR_PERIOD, plain(half));
      set(row, SP_RECURRING_FOR_PERIOD, plain(recurring));
      set(row, SP_START, instant(options.firstPeriod.atDay(1)));
      set(row, SP_END, instant(options.firstPeriod.atDay(1).plusYears(1)));
      set(row, SP_PAYMENT_OPTION, "Partial Upfront");
      set(row, SP_TERM, "1yr");
      set(row, DESCRIPTION, "1 year Partial Upfront Compute Savings Plan");
      emit(row);
    }

    private void spUpfrontFee(String spArn, BigDecimal perHour) {
      BigDecimal upfront =
          money(
              perHour
                  .divide(BigDecimal.valueOf(2), SCALE, RoundingMode.HALF_UP)
                  .multiply(BigDecimal.valueOf(8760)));
      String[] row = base(0, "SavingsPlanUpfrontFee", periodStart, periodStart);
      set(row, BILL_TYPE, "Purchase");
      set(row, USAGE_END, instant(options.firstPeriod.atDay(1).plusYears(1)));
      set(row, PRODUCT_CODE, "ComputeSavingsPlans");
      set(row, PRODUCT_NAME, "Savings Plans for AWS Compute usage");
      set(row, USAGE_TYPE, "ComputeSP:1yrPartialUpfront");
      set(row, RESOURCE_ID, spArn);
      set(row, USAGE_AMOUNT, "1");
      set(row, UNBLENDED_COST, plain(upfront));
      set(row, NET_UNBLENDED_COST, plain(upfront));
      set(row, SP_ARN, spArn);
      set(row, SP_START, instant(options.firstPeriod.atDay(1)));
      set(row, SP_END, instant(options.firstPeriod.atDay(1).plusYears(1)));
      set(row, SP_PAYMENT_OPTION, "Partial Upfront");
      set(row, SP_TERM, "1yr");
      set(row, DESCRIPTION, "Savings Plan upfront fee");
      emit(row);
    }

    private void riUpfrontFee(Reservation ri) {
      BigDecimal upfront = money(ri.upfrontPerHour.multiply(BigDecimal.valueOf(8760L * ri.count)));
      String[] row = base(ri.account, "Fee", periodStart, periodStart);
      set(row, BILL_TYPE, "Purchase");
      set(row, PRODUCT_CODE, ri.service.code);
      set(row, PRODUCT_NAME, ri.service.name);
      set(
          row,
          USAGE_TYPE,
          "HeavyUsage:" + ri.service.usageType.substring(ri.service.usageType.indexOf(':') + 1));
      set(row, USAGE_AMOUNT, Integer.toString(ri.count));
      set(row, UNBLENDED_COST, plain(upfront));
      set(row, NET_UNBLENDED_COST, plain(upfront));
      set(row, RI_ARN, ri.arn);
      set(row, RI_COUNT, Integer.toString(ri.count));
      set(row, PURCHASE_OPTION, ri.purchaseOption);
      set(row, LEASE_LENGTH, "1yr");
      set(row, TERM, "Reserved");
      set(row, RI_START, instant(options.firstPeriod.atDay(1)));
      set(row, RI_END, instant(options.firstPeriod.atDay(1).plusYears(1)));
      set(row, DESCRIPTION, "Sign up charge for subscription: " + ri.count + " reserved instances");
      emit(row);
    }

    private void riFee(Reservation ri) {
      long hours = (long) period.lengthOfMonth() * 24;
      BigDecimal total = BigDecimal.valueOf(hours * ri.count);
      BigDecimal used = BigDecimal.valueOf(hours * ri.coveredInstances);
      BigDecimal unused = total.subtract(used);
      String[] row = base(ri.account, "RIFee", periodStart, periodEnd);
      set(row, PRODUCT_CODE, ri.service.code);
      set(row, PRODUCT_NAME, ri.service.name);
      set(
          row,
          USAGE_TYPE,
          "HeavyUsage:" + ri.service.usageType.substring(ri.service.usageType.indexOf(':') + 1));
      set(row, USAGE_AMOUNT, plain(total));
      set(row, UNIT, "Hrs");
      set(row, UNBLENDED_RATE, plain(ri.recurringPerHour));
      set(row, UNBLENDED_COST, plain(money(total.multiply(ri.recurringPerHour))));
      set(row, NET_UNBLENDED_COST, plain(money(total.multiply(ri.recurringPerHour))));
      set(row, RI_ARN, ri.arn);
      set(row, RI_COUNT, Integer.toString(ri.count));
      set(row, RI_TOTAL_UNITS, plain(total));
      set(row, RI_UNUSED_QUANTITY, plain(unused));
      set(row, RI_UNUSED_RECURRING, plain(money(unused.multiply(ri.recurringPerHour))));
      set(row, RI_NET_UNUSED_RECURRING, plain(money(unused.multiply(ri.recurringPerHour))));
      set(row, RI_UPFRONT_FOR_PERIOD, plain(money(total.multiply(ri.upfrontPerHour))));
      set(row, RI_UNUSED_UPFRONT, plain(money(unused.multiply(ri.upfrontPerHour))));
      set(row, RI_NET_UNUSED_UPFRONT, plain(money(unused.multiply(ri.upfrontPerHour))));
      set(row, PURCHASE_OPTION, ri.purchaseOption);
      set(row, LEASE_LENGTH, "1yr");
      set(row, TERM, "Reserved");
      set(row, RI_START, instant(options.firstPeriod.atDay(1)));
      set(row, RI_END, instant(options.firstPeriod.atDay(1).plusYears(1)));
      set(row, DESCRIPTION, "Reserved instance recurring fee");
      emit(row);
    }

    private void taxes() {
      for (Map.Entry<String, BigDecimal> entry : taxable.entrySet()) {
        String[] key = entry.getKey().split("\\|");
        BigDecimal tax = money(entry.getValue().multiply(TAX_RATE));
        String[] row = base(Integer.parseInt(key[0]), "Tax", periodStart, periodEnd);
        set(row, PRODUCT_CODE, key[1]);
        set(row, USAGE_TYPE, "Tax:" + key[1]);
        set(row, TAX_TYPE, "Sales Tax");
        set(row, UNBLENDED_COST, plain(tax));
        set(row, NET_UNBLENDED_COST, plain(tax));
        set(row, DESCRIPTION, "Sales Tax for " + key[1]);
        emit(row);
      }
    }

    private void credit() {
      String[] row =
          base(period.getMonthValue() % options.accounts, "Credit", periodStart, periodEnd);
      set(row, PRODUCT_CODE, "AmazonEC2");
      set(row, USAGE_TYPE, "Promotional Credit");
      set(row, UNBLENDED_COST, "-50");
      set(row, NET_UNBLENDED_COST, "-50");
      set(row, DESCRIPTION, "AWS Activate promotional credit");
      emit(row);
    }

    /** A service-credit refund; after the first month it corrects the previous, invoiced month. */
    private void refund() {
      boolean previous = !period.equals(options.firstPeriod);
      YearMonth corrected = previous ? period.minusMonths(1) : period;
      String[] row =
          base(0, "Refund", instant(corrected.atDay(1)), instant(corrected.plusMonths(1).atDay(1)));
      set(row, BILL_TYPE, "Refund");
      set(row, PRODUCT_CODE, "AmazonS3");
      set(row, PRODUCT_NAME, S3.name);
      set(row, USAGE_TYPE, "TimedStorage-ByteHrs");
      set(row, UNBLENDED_COST, "-12.34");
      set(row, NET_UNBLENDED_COST, "-12.34");
      set(row, DESCRIPTION, "Service credit for " + corrected + " (SLA)");
      emit(row);
    }

    private String[] base(int account, String type, String from, String to) {
      String[] row = new String[CurColumns.values().length];
      set(row, LINE_ITEM_ID, lineItemId());
      set(row, TIME_INTERVAL, from + "/" + to);
      set(row, INVOICE_ID, invoiceId);
      set(row, INVOICING_ENTITY, "Amazon Web Services, Inc.");
      set(row, BILLING_ENTITY, "AWS");
      set(row, BILL_TYPE, "Anniversary");
      set(row, PAYER, payer);
      set(row, PERIOD_START, periodStart);
      set(row, PERIOD_END, periodEnd);
      set(row, USAGE_ACCOUNT, accountIds.get(account));
      set(row, TYPE, type);
      set(row, USAGE_START, from);
      set(row, USAGE_END, to);
      set(row, CURRENCY, "USD");
      set(row, PRICING_CURRENCY, "USD");
      set(row, LEGAL_ENTITY, "Amazon Web Services, Inc.");
      set(row, COST_CATEGORY_TEAM, TEAMS[account % TEAMS.length]);
      return row;
    }

    private void usageColumns(String[] row, Resource r) {
      set(row, PRODUCT_CODE, r.service.code);
      set(row, PRODUCT_NAME, r.service.name);
      set(row, USAGE_TYPE, r.service.usageType);
      set(row, OPERATION, r.service.operation);
      set(row, AZ, r.region[0] + "a");
      set(row, RESOURCE_ID, r.id);
      set(row, USAGE_AMOUNT, plain(r.dailyAmount));
      set(row, UNIT, r.service.unit);
      set(row, LOCATION, r.region[1]);
      set(row, REGION, r.region[0]);
      set(row, SERVICE_CODE, r.service.code);
      set(row, PRODUCT_FAMILY, r.service.family);
      set(row, PRODUCT_USAGE_TYPE, r.service.usageType);
      set(row, SKU, sku(r.service, r.region[0]));
      set(row, RATE_CODE, sku(r.service, r.region[0]) + ".JRTCKXETXF.6YS6EN2CT7");
      if (r.service.usageType.contains(":")) {
        set(
            row,
            INSTANCE_TYPE,
            r.service.usageType.substring(r.service.usageType.indexOf(':') + 1));
      }
      CurColumns[] tagColumns = {
        TAG_CREATED_BY,
        TAG_COST_CENTER,
        TAG_COST_CENTER_VARIANT,
        TAG_ENVIRONMENT,
        TAG_OWNER,
        TAG_NAME
      };
      for (int i = 0; i < tagColumns.length; i++) {
        set(row, tagColumns[i], r.tags[i]);
      }
    }

    private void emit(String[] row) {
      parts.write(row);
      rowsByType.merge(row[TYPE.ordinal()], 1L, Long::sum);
    }
  }

  private List<Resource> resources(int count) {
    SplittableRandom r = random.split();
    int totalWeight = SERVICES.stream().mapToInt(s -> s.weight).sum();
    List<Resource> resources = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      // Every service at least once, then by weight.
      Service service = i < SERVICES.size() ? SERVICES.get(i) : pick(r, totalWeight);
      int account = i % options.accounts;
      String[] region = REGIONS[i % 5 == 4 ? 1 : i % 7 == 6 ? 2 : 0];
      String accountId = accountIds.get(account);
      resources.add(
          new Resource(
              account,
              service,
              region,
              resourceId(r, service, region[0], accountId, i),
              dailyAmount(r, service),
              tags(r, i)));
    }
    return resources;
  }

  private static Service pick(SplittableRandom r, int totalWeight) {
    int x = r.nextInt(totalWeight);
    for (Service service : SERVICES) {
      x -= service.weight;
      if (x < 0) {
        return service;
      }
    }
    return EC2;
  }

  /** RIs cover a fifth of the us-east-1 EC2 and RDS instances, with a little to spare. */
  private List<Reservation> reservations(List<Resource> resources) {
    List<Reservation> reservations = new ArrayList<>();
    for (Service service : List.of(EC2, RDS)) {
      List<Resource> eligible = new ArrayList<>();
      for (Resource resource : resources) {
        if (resource.service == service && resource.region[0].equals("us-east-1")) {
          eligible.add(resource);
        }
      }
      if (eligible.isEmpty()) {
        continue;
      }
      int covered = Math.max(1, eligible.size() / 5);
      int count = covered + Math.max(1, covered / 8);
      for (int i = 0; i < covered; i++) {
        eligible.get(i).coverage = Coverage.RESERVED;
      }
      boolean ec2 = service == EC2;
      String arn =
          ec2
              ? "arn:aws:ec2:us-east-1:" + payer + ":reserved-instances/" + uuid("ri-ec2")
              : "arn:aws:rds:us-east-1:" + payer + ":ri:" + "costlake-rds-ri";
      reservations.add(
          new Reservation(
              arn,
              service,
              0,
              count,
              covered,
              ec2 ? "0.03" : "0.16",
              ec2 ? "0.028" : "0",
              ec2 ? "Partial Upfront" : "No Upfront"));
    }
    return reservations;
  }

  /** A Savings Plan covers a sixth of the remaining EC2 and Lambda usage at 90% utilization. */
  private BigDecimal savingsPlanCommitment(List<Resource> resources) {
    BigDecimal daily = BigDecimal.ZERO;
    int seen = 0;
    for (Resource resource : resources) {
      if ((resource.service == EC2 || resource.service == LAMBDA)
          && resource.coverage == Coverage.ON_DEMAND) {
        if (seen++ % 6 == 0) {
          resource.coverage = Coverage.SAVINGS_PLAN;
          daily = daily.add(money(resource.onDemandCost().multiply(SP_DISCOUNT)));
        }
      }
    }
    // Commit for 90% utilization: hourly commitment = daily covered cost / 0.9 / 24.
    return daily
        .divide(new BigDecimal("21.6"), 6, RoundingMode.HALF_UP)
        .max(new BigDecimal("0.01"));
  }

  private Reservation reservationFor(Resource resource, List<Reservation> reservations) {
    for (Reservation reservation : reservations) {
      if (reservation.service == resource.service) {
        return reservation;
      }
    }
    throw new IllegalStateException("no reservation for " + resource.id);
  }

  private static BigDecimal dailyAmount(SplittableRandom r, Service service) {
    if (service == EC2 || service == RDS || service == EKS) {
      return BigDecimal.valueOf(24);
    }
    if (service == LAMBDA) {
      return BigDecimal.valueOf(100 + r.nextInt(500_000));
    }
    if (service == EBS || service == S3) {
      // GB-months accrue per day: GB / days in an average month
      return BigDecimal.valueOf(10 + r.nextInt(2_000))
          .divide(BigDecimal.valueOf(30), 6, RoundingMode.HALF_UP);
    }
    if (service == DYNAMODB) {
      return BigDecimal.valueOf(24L * (5 + r.nextInt(200)));
    }
    if (service == CLOUDWATCH) {
      return BigDecimal.valueOf(1 + r.nextInt(300))
          .divide(BigDecimal.valueOf(30), 6, RoundingMode.HALF_UP);
    }
    return BigDecimal.valueOf(r.nextInt(50_000))
        .divide(BigDecimal.valueOf(1000), 3, RoundingMode.HALF_UP);
  }

  private String resourceId(
      SplittableRandom r, Service service, String region, String account, int i) {
    String hex = Long.toHexString(r.nextLong() & 0xfffffffffffffL);
    if (service == EC2 || service == TRANSFER) {
      return "i-0" + hex;
    }
    if (service == EBS) {
      return "vol-0" + hex;
    }
    if (service == S3) {
      return "costlake-" + account.substring(8) + "-bucket-" + i;
    }
    if (service == RDS) {
      return "arn:aws:rds:" + region + ":" + account + ":db:db-" + i;
    }
    if (service == LAMBDA) {
      return "arn:aws:lambda:" + region + ":" + account + ":function:fn-" + i;
    }
    if (service == DYNAMODB) {
      return "arn:aws:dynamodb:" + region + ":" + account + ":table/table-" + i;
    }
    if (service == EKS) {
      return "arn:aws:eks:" + region + ":" + account + ":cluster/cluster-" + i;
    }
    return null;
  }

  /** aws:createdBy, CostCenter, cost-center, Environment, Owner, Name; about 15% untagged. */
  private static String[] tags(SplittableRandom r, int i) {
    String[] tags = new String[6];
    if (r.nextInt(100) < 15) {
      return tags;
    }
    String[] costCenters = {"CC-1001", "CC-1002", "CC-2001", "cc-2001 ", "CC-3001"};
    String[] environments = {"prod", "production", "Prod", "staging", "dev"};
    if (r.nextInt(100) < 30) {
      tags[0] = "IAMUser:AIDAEXAMPLE" + i % 7 + ":deploy-bot";
    }
    String costCenter = costCenters[r.nextInt(costCenters.length)];
    if (r.nextInt(100) < 8) {
      tags[2] = costCenter;
    } else {
      tags[1] = costCenter;
    }
    tags[3] = environments[r.nextInt(environments.length)];
    if (r.nextInt(100) < 85) {
      tags[4] = TEAMS[r.nextInt(TEAMS.length)];
    }
    tags[5] = "res-" + i;
    return tags;
  }

  private static String sku(Service service, String region) {
    return Integer.toHexString((service.usageType + region).hashCode()).toUpperCase(Locale.ROOT);
  }

  private String manifest(UUID assembly, YearMonth period, List<String> keys) {
    StringBuilder json = new StringBuilder();
    json.append("{\n  \"assemblyId\": \"").append(assembly).append("\",\n");
    json.append("  \"account\": \"").append(payer).append("\",\n");
    json.append("  \"columns\": [");
    CurColumns[] columns = CurColumns.values();
    for (int i = 0; i < columns.length; i++) {
      json.append(i == 0 ? "\n" : ",\n")
          .append("    {\"category\": \"")
          .append(columns[i].category())
          .append("\", \"name\": \"")
          .append(columns[i].attribute())
          .append("\", \"type\": \"String\"}");
    }
    json.append("\n  ],\n");
    json.append(
        "  \"charset\": \"UTF-8\",\n  \"compression\": \"GZIP\",\n  \"contentType\": \"text/csv\",\n");
    json.append("  \"reportId\": \"")
        .append(uuid("report").toString().replace("-", ""))
        .append("\",\n");
    json.append("  \"reportName\": \"").append(REPORT).append("\",\n");
    json.append("  \"billingPeriod\": {\"start\": \"")
        .append(period.atDay(1).format(COMPACT))
        .append("T000000.000Z\", \"end\": \"")
        .append(period.plusMonths(1).atDay(1).format(COMPACT))
        .append("T000000.000Z\"},\n");
    json.append("  \"bucket\": \"").append(BUCKET).append("\",\n");
    json.append("  \"reportKeys\": [");
    for (int i = 0; i < keys.size(); i++) {
      json.append(i == 0 ? "\n" : ",\n").append("    \"").append(keys.get(i)).append('"');
    }
    json.append("\n  ],\n  \"additionalArtifactKeys\": []\n}\n");
    return json.toString();
  }

  private String lineItemId() {
    long a = mix(options.seed * 0x9E3779B97F4A7C15L + (++lineCounter));
    long b = mix(a ^ 0xD1B54A32D192ED03L);
    return String.format(Locale.ROOT, "%016x%016x%08x", a, b, (int) (a >>> 17));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private UUID uuid(String name) {
    return UUID.nameUUIDFromBytes((options.seed + ":" + name).getBytes(StandardCharsets.UTF_8));
  }

  private static String twelveDigits(SplittableRandom r) {
    return String.format(Locale.ROOT, "%012d", 100_000_000_000L + r.nextLong(899_999_999_999L));
  }

  static BigDecimal money(BigDecimal value) {
    return value.setScale(SCALE, RoundingMode.HALF_UP);
  }

  private static String plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
  }

  /** Lambda costs are tiny: AWS writes such amounts in scientific notation, and so do we. */
  private static String amount(Resource r, BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    if (r.service != LAMBDA
        || stripped.signum() == 0
        || stripped.abs().compareTo(new BigDecimal("0.01")) >= 0) {
      return plain(value);
    }
    String digits = stripped.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - stripped.scale();
    String mantissa = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
    return (stripped.signum() < 0 ? "-" : "") + mantissa + "E" + exponent;
  }

  private static String instant(LocalDate day) {
    return day + "T00:00:00Z";
  }

  private static void set(String[] row, CurColumns column, String value) {
    row[column.ordinal()] = value;
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
