package io.costlake.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.types.StructType;

/** Every costlake table: its name, schema, partitioning and grain. */
public enum Table {
  COST_LINE_ITEMS(
      "cost_line_items",
      FocusColumn.values(),
      CostLineItems.PARTITION_COLUMNS,
      "one row per provider line item per charge period, plus derived unused-commitment rows"),
  INGEST_QUARANTINE(
      "ingest_quarantine",
      QuarantineColumn.values(),
      List.of(),
      "one row per rejected source record and reason"),
  INGEST_RUNS("ingest_runs", IngestRunColumn.values(), List.of(), "one row per (run, source file)"),
  INGEST_SLICES(
      "ingest_slices",
      IngestSliceColumn.values(),
      List.of(),
      "one row per (run, provider, billing account, billing period)"),
  COST_AMORTIZED(
      "cost_amortized",
      CostLineItems.amortizedColumns(),
      CostLineItems.PARTITION_COLUMNS,
      "one row per cost_line_items row, plus one per (commitment, charge period) of unused"
          + " commitment cost costlake computes"),
  COMMITMENT_UTILIZATION(
      "commitment_utilization",
      UtilizationColumn.values(),
      List.of(UtilizationColumn.x_BillingPeriod.name()),
      "one row per (commitment, UTC day)"),
  AMORTIZATION_SCHEDULE(
      "amortization_schedule",
      ScheduleColumn.values(),
      List.of(),
      "one row per (pre-paid commitment purchase or refund, accounting month of its term)"),
  COST_ALLOCATED(
      "cost_allocated",
      AllocatedColumn.values(),
      CostLineItems.PARTITION_COLUMNS,
      "one row per (source line item, allocation target)"),
  TAG_COMPLIANCE(
      "tag_compliance",
      TagComplianceColumn.values(),
      List.of(TagComplianceColumn.x_BillingPeriod.name()),
      "one row per (billing period, provider, billing account, sub account, owner, currency)"),
  TAG_DEBT(
      "tag_debt",
      TagDebtColumn.values(),
      List.of(TagDebtColumn.x_BillingPeriod.name()),
      "one row per (billing period, provider, account, sub account, service, untagged resource,"
          + " missing keys, currency)"),
  INVOICE_RECONCILIATION(
      "invoice_reconciliation",
      ReconciliationColumn.values(),
      List.of(ReconciliationColumn.x_BillingPeriod.name()),
      "one row per (provider, billing account, billing period, invoice, currency)"),
  CHARGEBACK_LINES(
      "chargeback_lines",
      ChargebackLineColumn.values(),
      List.of(ChargebackLineColumn.x_BillingPeriod.name()),
      "one row per (owner, billing period, service, unit, source currency, profile version)"),
  CHARGEBACK_INVOICES(
      "chargeback_invoices",
      ChargebackInvoiceColumn.values(),
      List.of(ChargebackInvoiceColumn.x_BillingPeriod.name()),
      "one row per (billing profile, billing period)"),
  COST_ANOMALIES(
      "cost_anomalies",
      AnomalyColumn.values(),
      List.of(AnomalyColumn.x_BillingPeriod.name()),
      "one row per (cost series, day) past the anomaly threshold and minimum impact"),
  BUDGET_BURN(
      "budget_burn",
      BudgetBurnColumn.values(),
      List.of(BudgetBurnColumn.x_BillingPeriod.name()),
      "one row per (budget, billing period)"),
  USAGE_DAILY(
      "usage_daily",
      UsageColumn.values(),
      List.of(UsageColumn.x_BillingPeriod.name()),
      "one row per (billing period, day, provider, billing account, service, region, owner,"
          + " currency, unit)"),
  USAGE_MONTHLY(
      "usage_monthly",
      UsageColumn.monthly(),
      List.of(UsageColumn.x_BillingPeriod.name()),
      "one row per (billing period, provider, billing account, service, region, owner, currency,"
          + " unit)"),
  PIPELINE_HEALTH(
      "pipeline_health",
      PipelineHealthColumn.values(),
      List.of(PipelineHealthColumn.x_BillingPeriod.name()),
      "one row per (billing period, provider, billing account) ingested"),
  PIPELINE_RUNS(
      "pipeline_runs",
      PipelineRunColumn.values(),
      List.of(),
      "one row per (pipeline run, billing period it brought up to date)"),
  NOTIFY_DELIVERIES(
      "notify_deliveries",
      NotifyDeliveryColumn.values(),
      List.of(),
      "one row per (alert, route, notify run that tried it)"),
  FOCUS_CONFORMANCE(
      "focus_conformance",
      ConformanceColumn.values(),
      List.of(),
      "one row per FOCUS conformance rule, for the last validate run");

  private final String tableName;
  private final TableColumn[] columns;
  private final List<String> partitionColumns;
  private final String grain;

  Table(String tableName, TableColumn[] columns, List<String> partitionColumns, String grain) {
    this.tableName = tableName;
    this.columns = columns;
    this.partitionColumns = partitionColumns;
    this.grain = grain;
  }

  public String tableName() {
    return tableName;
  }

  public TableColumn[] columns() {
    return columns.clone();
  }

  public StructType schema() {
    return Schemas.of(columns);
  }

  public List<String> partitionColumns() {
    return partitionColumns;
  }

  public String grain() {
    return grain;
  }

  /**
   * The columns analysts and jobs filter by, which Delta keeps min/max statistics on (data
   * skipping); empty for Delta's default, the first 32 columns.
   */
  public List<String> statsColumns() {
    return this == COST_LINE_ITEMS
        ? List.of(
            "x_Provider",
            "SubAccountId",
            "ChargePeriodStart",
            "ChargeCategory",
            "ServiceName",
            "x_SourceFile")
        : List.of();
  }

  /**
   * Within a (period, account) partition analysts narrow by service and sub account: OPTIMIZE
   * clusters the files by these (Z-order), so min/max statistics skip most of them. Empty: none.
   */
  public List<String> zorderColumns() {
    return this == COST_LINE_ITEMS ? List.of("ServiceName", "SubAccountId") : List.of();
  }

  public static Optional<Table> byName(String name) {
    return Arrays.stream(values()).filter(t -> t.tableName.equals(name)).findFirst();
  }
}
