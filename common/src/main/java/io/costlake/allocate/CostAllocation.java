package io.costlake.allocate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import io.costlake.config.AllocateConfig;
import io.costlake.config.AllocationRuleConfig;
import io.costlake.config.AllocationRuleConfig.Method;
import io.costlake.errors.CostlakeErrors;
import io.costlake.model.AllocatedColumn;
import io.costlake.model.ColumnType;
import io.costlake.model.Schemas;
import io.costlake.spark.Reused;
import io.costlake.spark.StringLists;
import io.costlake.tags.OwnerChain;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Moves shared cost to its owners: the rules of {@link AllocateConfig}, in their order, over lines
 * whose owner the owner chain has named. A line the first time a rule selects it is split across
 * the rule's targets; after that only a rule that selects by owner takes its parts again (a
 * cascade). Lines no rule selects keep their owner ({@code direct}). Input: owned lines ({@link
 * OwnerChain}); output: {@code cost_allocated}, one row per (source line, target), the rows of each
 * line adding up to its BilledCost and EffectiveCost exactly.
 *
 * <p>Close it once the result is written: the parts split by each rule are persisted so cascades do
 * not recompute each other.
 *
 * <p>Cost: one scan of the input per rule plus one; a proportional rule aggregates the rows it does
 * not take (one shuffle of owners, not of lines); split parts are persisted between rules so
 * cascades do not recompute each other.
 */
public final class CostAllocation implements AutoCloseable {
  static final String OWNER = AllocatedColumn.owner.name();
  static final String UNALLOCATED_REASON = AllocatedColumn.unallocated_reason.name();
  static final String METHOD = AllocatedColumn.allocation_method.name();
  static final String RULE_ID = AllocatedColumn.allocation_rule_id.name();
  static final String RULE_VERSION = AllocatedColumn.allocation_rule_version.name();
  static final String PATH = AllocatedColumn.allocation_path.name();
  static final String DRIVER_VALUE = AllocatedColumn.driver_value.name();
  static final String DRIVER_TOTAL = AllocatedColumn.driver_total.name();
  static final String SHARE = AllocatedColumn.share.name();
  public static final String NO_DRIVER = "no_driver";
  public static final String UNLISTED_TARGET = "unlisted_target";
  public static final String DIRECT = "direct";

  private final List<AllocationRuleConfig> rules;
  private final String unallocated;
  private final Reused reused = Reused.onDisk();

  public CostAllocation(List<AllocationRuleConfig> rules, String unallocated) {
    this.rules = List.copyOf(rules);
    this.unallocated = unallocated;
  }

  /**
   * @param owned lines with Tags normalized and source_owner named (TagNormalizer, OwnerChain)
   * @param drivers metric rules' driver tables by rule label (id@version): x_BillingPeriod, target,
   *     value (DECIMAL)
   */
  public Dataset<Row> allocate(Dataset<Row> owned, Map<String, Dataset<Row>> drivers) {
    Dataset<Row> base = working(owned);
    Column taken = lit(false);
    Dataset<Row> moved = null;
    for (AllocationRuleConfig rule : rules) {
      Column hits = inRange(rule).and(Selector.predicate(rule.select()));
      boolean cascade = !rule.select().owner().isEmpty();
      Dataset<Row> free = base.filter(not(taken));
      Dataset<Row> current = moved == null ? free : free.unionByName(moved);
      Dataset<Row> takes = free.filter(hits);
      Dataset<Row> kept = moved;
      if (cascade && moved != null) {
        takes = takes.unionByName(moved.filter(hits));
        kept = moved.filter(not(hits));
      }
      Shares shares = shares(rule, current.filter(not(hits)), drivers);
      Dataset<Row> parts = Splitter.split(takes, shares, rule, unallocated);
      moved = kept == null ? parts : kept.unionByName(parts);
      moved = reused.keep(moved);
      taken = taken.or(hits);
    }
    Dataset<Row> direct = base.filter(not(taken));
    Dataset<Row> all = moved == null ? direct : direct.unionByName(moved);
    return Schemas.conform(all, AllocatedColumn.values());
  }

  /** Releases the split parts kept between rules; call once the result is written. */
  @Override
  public void close() {
    reused.close();
  }

  private Shares shares(
      AllocationRuleConfig rule, Dataset<Row> others, Map<String, Dataset<Row>> drivers) {
    Method method = rule.method();
    switch (method) {
      case EVEN:
        return Shares.even(rule);
      case FIXED:
        return Shares.fixed(rule);
      case PROPORTIONAL:
        return Shares.proportional(rule, others, unallocated);
      case METRIC:
        Dataset<Row> driver = drivers.get(rule.label());
        if (driver == null) {
          throw CostlakeErrors.nothingToAllocate("no driver table for rule " + rule.label());
        }
        return Shares.metric(rule, driver.filter(inRange(rule)), unallocated);
      default:
        throw new IllegalStateException("allocation method " + method);
    }
  }

  private static Column inRange(AllocationRuleConfig rule) {
    Column period = col("x_BillingPeriod");
    Column in = lit(true);
    if (rule.from() != null) {
      in = in.and(period.geq(lit(rule.from())));
    }
    if (rule.to() != null) {
      in = in.and(period.leq(lit(rule.to())));
    }
    return in;
  }

  /**
   * The columns of owned lines allocation reads (the output's and the rules' scopes), which are
   * also all the tag compliance tables read: what is worth keeping in memory of a FOCUS row.
   */
  public Dataset<Row> read(Dataset<Row> owned) {
    Set<String> needed = new LinkedHashSet<>();
    Arrays.stream(AllocatedColumn.values()).forEach(c -> needed.add(c.columnName()));
    rules.forEach(rule -> needed.addAll(rule.scope()));
    Set<String> present = new LinkedHashSet<>(Arrays.asList(owned.columns()));
    List<Column> columns = new ArrayList<>();
    needed.stream().filter(present::contains).forEach(name -> columns.add(col(name)));
    return owned.select(columns.toArray(new Column[0]));
  }

  /** Owned lines as allocation rows (the output's columns and the rules' scopes), whole. */
  private Dataset<Row> working(Dataset<Row> owned) {
    Dataset<Row> read = read(owned);
    Set<String> present = new LinkedHashSet<>(Arrays.asList(read.columns()));
    // Output columns the input lacks (an older table, a test frame) are carried as typed nulls.
    for (AllocatedColumn c : AllocatedColumn.values()) {
      if (!present.contains(c.columnName())) {
        read = read.withColumn(c.columnName(), lit(null).cast(c.type().sparkType()));
      }
    }
    return read.withColumn(OWNER, col(OwnerChain.SOURCE_OWNER))
        .withColumn(METHOD, lit(DIRECT))
        .withColumn(RULE_ID, lit(null).cast("string"))
        .withColumn(RULE_VERSION, lit(null).cast("long"))
        .withColumn(PATH, StringLists.of())
        .withColumn(DRIVER_VALUE, lit(null).cast(Shares.DRIVER))
        .withColumn(DRIVER_TOTAL, lit(null).cast(Shares.DRIVER))
        .withColumn(SHARE, lit(BigDecimal.ONE).cast(ColumnType.RATIO.sparkType()));
  }
}
