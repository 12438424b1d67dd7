package io.costlake.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * The whole costlake configuration, immutable. Built by {@link ConfigLoader}; every key is
 * documented in the README's config reference with its default.
 */
public final class CostlakeConfig {
  public static final String DEFAULT_WAREHOUSE = "warehouse";

  private final String warehouse;
  private final SparkConfig spark;
  private final IngestConfig ingest;
  private final DemoConfig demo;
  private final AmortizeConfig amortize;
  private final TagPolicyConfig tags;
  private final AllocateConfig allocate;
  private final ReconcileConfig reconcile;
  private final ChargebackConfig chargeback;
  private final AnomalyConfig anomalies;
  private final List<BudgetConfig> budgets;
  private final ShareConfig share;
  private final ReportConfig report;
  private final NotifyConfig notify;

  @JsonCreator
  public CostlakeConfig(
      @JsonProperty("warehouse") String warehouse,
      @JsonProperty("spark") SparkConfig spark,
      @JsonProperty("ingest") IngestConfig ingest,
      @JsonProperty("demo") DemoConfig demo,
      @JsonProperty("amortize") AmortizeConfig amortize,
      @JsonProperty("tags") TagPolicyConfig tags,
      @JsonProperty("allocate") AllocateConfig allocate,
      @JsonProperty("reconcile") ReconcileConfig reconcile,
      @JsonProperty("chargeback") ChargebackConfig chargeback,
      @JsonProperty("anomalies") AnomalyConfig anomalies,
      @JsonProperty("budgets") List<BudgetConfig> budgets,
      @JsonProperty("share") ShareConfig share,
      @JsonProperty("report") ReportConfig report,
      @JsonProperty("notify") NotifyConfig notify) {
    this.warehouse = Objects.requireNonNullElse(warehouse, DEFAULT_WAREHOUSE);
    this.spark = spark == null ? SparkConfig.defaults() : spark;
    this.ingest = ingest == null ? IngestConfig.defaults() : ingest;
    this.demo = demo == null ? DemoConfig.defaults() : demo;
    this.amortize = amortize == null ? AmortizeConfig.defaults() : amortize;
    this.tags = tags == null ? TagPolicyConfig.defaults() : tags;
    this.allocate = allocate == null ? AllocateConfig.defaults() : allocate;
    this.reconcile = reconcile == null ? ReconcileConfig.defaults() : reconcile;
    this.chargeback = chargeback == null ? ChargebackConfig.defaults() : chargeback;
    this.anomalies = anomalies == null ? AnomalyConfig.defaults() : anomalies;
    this.budgets = List.copyOf(Objects.requireNonNullElse(budgets, List.of()));
    this.share = share == null ? ShareConfig.defaults() : share;
    this.report = report == null ? ReportConfig.defaults() : report;
    this.notify = notify == null ? NotifyConfig.defaults() : notify;
    if (this.budgets.stream().map(BudgetConfig::id).distinct().count() != this.budgets.size()) {
      throw new IllegalArgumentException("two budgets have the same id");
    }
  }

  public static CostlakeConfig defaults() {
    return new CostlakeConfig(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** Where the Delta tables live: a URI, or a path relative to the working directory. */
  public String warehouse() {
    return warehouse;
  }

  public SparkConfig spark() {
    return spark;
  }

  public IngestConfig ingest() {
    return ingest;
  }

  public DemoConfig demo() {
    return demo;
  }

  public AmortizeConfig amortize() {
    return amortize;
  }

  public TagPolicyConfig tags() {
    return tags;
  }

  public AllocateConfig allocate() {
    return allocate;
  }

  public ReconcileConfig reconcile() {
    return reconcile;
  }

  public ChargebackConfig chargeback() {
    return chargeback;
  }

  public AnomalyConfig anomalies() {
    return anomalies;
  }

  /** Monthly budgets per owner or billing account. */
  public List<BudgetConfig> budgets() {
    return budgets;
  }

  /** What {@code costlake share} copies and hides. */
  public ShareConfig share() {
    return share;
  }

  /** The reporting currency of the usage rollups and the HTML report. */
  public ReportConfig report() {
    return report;
  }

  public NotifyConfig notifications() {
    return notify;
  }

  public CostlakeConfig withIngest(IngestConfig newIngest) {
    return new CostlakeConfig(
        warehouse,
        spark,
        newIngest,
        demo,
        amortize,
        tags,
        allocate,
        reconcile,
        chargeback,
        anomalies,
        budgets,
        share,
        report,
        notify);
  }

  public CostlakeConfig withSpark(SparkConfig newSpark) {
    return new CostlakeConfig(
        warehouse,
        newSpark,
        ingest,
        demo,
        amortize,
        tags,
        allocate,
        reconcile,
        chargeback,
        anomalies,
        budgets,
        share,
        report,
        notify);
  }

  public CostlakeConfig withWarehouse(String newWarehouse) {
    return new CostlakeConfig(
        newWarehouse,
        spark,
        ingest,
        demo,
        amortize,
        tags,
        allocate,
        reconcile,
        chargeback,
        anomalies,
        budgets,
        share,
        report,
        notify);
  }
}
