package io.costlake.conformance;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import io.costlake.model.FocusColumn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;

/**
 * Checks a {@code cost_line_items} frame against every rule of a {@link FocusRuleModel}. Row rules
 * are counted in a few scans (a batch of rules per scan, grouped by provider), so the work grows
 * with the table, not with the number of rules; dataset rules are answered from the schema or one
 * small aggregate; composite rules take the worst status of the rules they name, which inherit the
 * composite's condition ("When CommitmentDiscountId is not null, ...").
 */
public final class ConformanceCheck {
  public enum Status {
    PASS,
    INFO,
    WARN,
    FAIL,
    SKIPPED
  }

  /** How the table fares against one rule. */
  public static final class Result {
    public final FocusRuleModel.Rule rule;
    public final Status status;
    public final Long failingRows;
    public final Long checkedRows;
    public final Map<String, Long> failingByProvider;
    public final String example;

    Result(
        FocusRuleModel.Rule rule,
        Status status,
        Long failingRows,
        Long checkedRows,
        Map<String, Long> failingByProvider,
        String example) {
      this.rule = rule;
      this.status = status;
      this.failingRows = failingRows;
      this.checkedRows = checkedRows;
      this.failingByProvider = failingByProvider;
      this.example = example;
    }
  }

  /** Rules per table scan: enough to keep scans few, few enough for Spark's code generation. */
  private static final int RULES_PER_SCAN = 40;

  private final FocusRuleModel model;

  public ConformanceCheck(FocusRuleModel model) {
    this.model = model;
  }

  /** One result per rule of the model, in the model's order. */
  public List<Result> evaluate(Dataset<Row> items) {
    RuleCompiler compiler = new RuleCompiler(items.schema());
    Map<String, Column> inherited = inheritedConditions(compiler);
    Map<String, Result> results = new HashMap<>();
    Map<String, Column[]> rowRules = new LinkedHashMap<>(); // id -> {applies, fails}
    for (FocusRuleModel.Rule rule : model.rules().values()) {
      if (rule.isComposite()) {
        continue;
      }
      if (rule.skipReason != null) {
        results.put(rule.id, skipped(rule, rule.skipReason));
        continue;
      }
      if (!rule.hasRequirement()) {
        results.put(
            rule.id,
            skipped(rule, "the model describes this rule in prose only (no check function)"));
        continue;
      }
      Optional<Column> condition = condition(compiler, rule);
      if (rule.hasCondition() && condition.isEmpty()) {
        results.put(rule.id, skipped(rule, "its condition is not a row check"));
        continue;
      }
      Column applies = inherited.getOrDefault(rule.id, lit(true)).and(condition.orElse(lit(true)));
      RuleCompiler.Compiled check = compiler.compile(rule.requirement);
      if (check.unsupported.isPresent()) {
        results.put(rule.id, skipped(rule, check.unsupported.get()));
      } else if (check.datasetCheck.isPresent()) {
        boolean holds = check.datasetCheck.get();
        results.put(
            rule.id,
            new Result(
                rule,
                holds ? Status.PASS : broken(rule),
                null,
                null,
                Map.of(),
                holds ? null : "the table's schema does not satisfy it"));
      } else if (check.distinctCount.isPresent()) {
        results.put(rule.id, distinctCount(rule, items, applies, check.distinctCount.get()));
      } else {
        // A requirement that is null for a row (a null compared) is not a failure: nullability has
        // rules of its own.
        rowRules.put(
            rule.id,
            new Column[] {applies, applies.and(not(coalesce(check.rowCheck.get(), lit(true))))});
      }
    }
    List<String> ids = new ArrayList<>(rowRules.keySet());
    for (int start = 0; start < ids.size(); start += RULES_PER_SCAN) {
      List<String> batch = ids.subList(start, Math.min(ids.size(), start + RULES_PER_SCAN));
      results.putAll(scan(items, batch, rowRules));
    }
    List<Result> ordered = new ArrayList<>();
    for (FocusRuleModel.Rule rule : model.rules().values()) {
      ordered.add(resolve(rule, results));
    }
    return ordered;
  }

  private Optional<Column> condition(RuleCompiler compiler, FocusRuleModel.Rule rule) {
    if (!rule.hasCondition()) {
      return Optional.empty();
    }
    return compiler.compile(rule.condition).rowCheck.map(c -> coalesce(c, lit(false)));
  }

  /** The conditions of each rule's composite ancestors, ANDed (first parent wins when several). */
  private Map<String, Column> inheritedConditions(RuleCompiler compiler) {
    Map<String, Column> inherited = new HashMap<>();
    for (FocusRuleModel.Rule rule : model.rules().values()) {
      if (rule.isComposite() && !inherited.containsKey(rule.id)) {
        propagate(rule, lit(true), compiler, inherited);
      }
    }
    return inherited;
  }

  private void propagate(
      FocusRuleModel.Rule rule, Column context, RuleCompiler compiler, Map<String, Column> into) {
    Column own = condition(compiler, rule).orElse(lit(true));
    Column forChildren = context.and(own);
    for (String child : rule.children()) {
      FocusRuleModel.Rule childRule = model.rules().get(child);
      if (childRule != null && !into.containsKey(child)) {
        into.put(child, forChildren);
        if (childRule.isComposite()) {
          propagate(childRule, forChildren, compiler, into);
        }
      }
    }
  }

  private Map<String, Result> scan(
      Dataset<Row> items, List<String> batch, Map<String, Column[]> rowRules) {
    List<Column> aggregates = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      FocusRuleModel.Rule rule = model.rules().get(batch.get(i));
      Column[] rule0 = rowRules.get(rule.id);
      aggregates.add(sum(when(rule0[0], lit(1L)).otherwise(lit(0L))).as("a" + i));
      aggregates.add(sum(when(rule0[1], lit(1L)).otherwise(lit(0L))).as("f" + i));
      aggregates.add(first(when(rule0[1], example(items, rule.reference)), true).as("e" + i));
    }
    Column provider =
        hasColumn(items, FocusColumn.x_Provider.name())
            ? coalesce(col(FocusColumn.x_Provider.name()), lit("(none)"))
            : lit("(all)");
    List<Row> rows =
        items
            .groupBy(provider.as("provider"))
            .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(new Column[0]))
            .orderBy("provider")
            .collectAsList();
    Map<String, Result> results = new HashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      FocusRuleModel.Rule rule = model.rules().get(batch.get(i));
      long applies = 0;
      long fails = 0;
      String example = null;
      Map<String, Long> byProvider = new TreeMap<>();
      for (Row row : rows) {
        long a = row.getLong(1 + 3 * i);
        long f = row.getLong(2 + 3 * i);
        applies += a;
        fails += f;
        if (f > 0) {
          byProvider.put(row.getString(0), f);
          if (example == null) {
            example = row.getString(3 + 3 * i);
          }
        }
      }
      Status status = fails == 0 ? Status.PASS : broken(rule);
      results.put(rule.id, new Result(rule, status, fails, applies, byProvider, example));
    }
    return results;
  }

  /** Where a failing row comes from and what it holds. */
  private static Column example(Dataset<Row> items, String reference) {
    List<Column> parts = new ArrayList<>();
    for (String meta :
        List.of(
            FocusColumn.x_Provider.name(),
            FocusColumn.x_SourceFile.name(),
            FocusColumn.x_SourceRow.name())) {
      if (hasColumn(items, meta)) {
        parts.add(concat(lit(meta + "="), coalesce(col(meta).cast("string"), lit("null"))));
      }
    }
    Optional<StructField> field = fieldOf(items, reference);
    if (field.isPresent()) {
      Column value =
          field.get().dataType() instanceof MapType
              ? to_json(col(reference))
              : col(reference).cast("string");
      parts.add(concat(lit(reference + "="), coalesce(value, lit("null"))));
    }
    return concat_ws(" ", parts.toArray(new Column[0]));
  }

  private Result distinctCount(
      FocusRuleModel.Rule rule, Dataset<Row> items, Column applies, String[] check) {
    if (!hasColumn(items, check[0]) || !hasColumn(items, check[1])) {
      return skipped(rule, "column " + check[0] + " or " + check[1] + " is not in the table");
    }
    long expected = Long.parseLong(check[2]);
    Dataset<Row> groups =
        items
            .filter(applies.and(col(check[0]).isNotNull()))
            .groupBy(col(check[0]))
            .agg(countDistinct(col(check[1])).as("n"));
    Row summary =
        groups
            .agg(
                count(lit(1)).as("values"),
                sum(when(col("n").notEqual(lit(expected)), lit(1L)).otherwise(lit(0L))).as("bad"),
                first(
                        when(
                            col("n").notEqual(lit(expected)),
                            concat(
                                lit(check[0] + "="),
                                col(check[0]).cast("string"),
                                lit(" has "),
                                col("n").cast("string"),
                                lit(" distinct " + check[1] + " values"))),
                        true)
                    .as("example"))
            .head();
    long bad = summary.isNullAt(1) ? 0 : summary.getLong(1);
    return new Result(
        rule,
        bad == 0 ? Status.PASS : broken(rule),
        bad,
        summary.getLong(0),
        Map.of(),
        summary.getString(2));
  }

  /** Composites: the worst status of the rules they name. */
  private Result resolve(FocusRuleModel.Rule rule, Map<String, Result> results) {
    Result known = results.get(rule.id);
    if (known != null) {
      return known;
    }
    if (!rule.isComposite()) {
      throw new IllegalStateException("rule " + rule.id + " was not evaluated");
    }
    results.put(rule.id, skipped(rule, "a cycle of composite rules")); // guards recursion
    Status worst = null;
    List<String> failing = new ArrayList<>();
    for (String child : rule.children()) {
      FocusRuleModel.Rule childRule = model.rules().get(child);
      if (childRule == null) {
        continue;
      }
      Result result = resolve(childRule, results);
      Status status = result.status == Status.INFO ? Status.PASS : result.status;
      if (status == Status.SKIPPED) {
        continue;
      }
      if (status == Status.FAIL || status == Status.WARN) {
        failing.add(child);
      }
      if (worst == null || status.ordinal() > worst.ordinal()) {
        worst = status;
      }
    }
    Result result =
        worst == null
            ? skipped(rule, "every rule it names is skipped")
            : new Result(
                rule,
                worst,
                null,
                null,
                Map.of(),
                failing.isEmpty() ? null : "rules not met: " + abbreviate(failing));
    results.put(rule.id, result);
    return result;
  }

  private static String abbreviate(List<String> ids) {
    return ids.size() <= 5
        ? String.join(", ", ids)
        : String.join(", ", ids.subList(0, 5)) + " and " + (ids.size() - 5) + " more";
  }

  /** The status a broken rule gets from its keyword. */
  static Status broken(FocusRuleModel.Rule rule) {
    switch (rule.keyword) {
      case "MUST":
      case "MUST NOT":
        return Status.FAIL;
      case "MAY":
        return Status.INFO;
      default:
        return Status.WARN;
    }
  }

  private static Result skipped(FocusRuleModel.Rule rule, String why) {
    return new Result(rule, Status.SKIPPED, null, null, Map.of(), why);
  }

  private static boolean hasColumn(Dataset<Row> items, String name) {
    return fieldOf(items, name).isPresent();
  }

  private static Optional<StructField> fieldOf(Dataset<Row> items, String name) {
    for (StructField field : items.schema().fields()) {
      if (field.name().equals(name)) {
        return Optional.of(field);
      }
    }
    return Optional.empty();
  }
}
