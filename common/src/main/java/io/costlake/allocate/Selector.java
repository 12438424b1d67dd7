package io.costlake.allocate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.try_element_at;

import io.costlake.config.SelectorConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;

/**
 * A rule's {@code select} as a Spark predicate over allocation rows: never null (a line whose
 * selected column is null does not match), so filtering on it and on its negation partitions the
 * rows exactly.
 */
final class Selector {
  private Selector() {}

  static Column predicate(SelectorConfig select) {
    List<Column> all = new ArrayList<>();
    add(all, col("x_Provider"), select.provider());
    add(all, col("BillingAccountId"), select.billingAccount());
    add(all, col("SubAccountId"), select.subAccount());
    add(all, col("ServiceName"), select.service());
    add(all, col("ServiceCategory"), select.serviceCategory());
    add(all, col("ChargeCategory"), select.chargeCategory());
    add(all, col("RegionId"), select.region());
    add(all, col("ResourceId"), select.resource());
    add(all, col(CostAllocation.OWNER), select.owner());
    for (Map.Entry<String, List<String>> tag : select.tags().entrySet()) {
      add(all, try_element_at(col("Tags"), lit(tag.getKey())), tag.getValue());
    }
    Column predicate = all.get(0);
    for (Column next : all.subList(1, all.size())) {
      predicate = predicate.and(next);
    }
    return coalesce(predicate, lit(false));
  }

  private static void add(List<Column> all, Column column, List<String> values) {
    if (values.isEmpty()) {
      return;
    }
    List<String> exact = values.stream().filter(v -> !v.contains("*")).collect(Collectors.toList());
    Column match = exact.isEmpty() ? lit(false) : column.isin(exact.toArray());
    for (String pattern : values) {
      if (pattern.contains("*")) {
        match = match.or(column.like(like(pattern)));
      }
    }
    all.add(coalesce(match, lit(false)));
  }

  /** A {@code *} wildcard as a SQL LIKE pattern, every other character literal. */
  static String like(String wildcard) {
    StringBuilder out = new StringBuilder();
    for (char c : wildcard.toCharArray()) {
      if (c == '*') {
        out.append('%');
      } else {
        if (c == '%' || c == '_' || c == '\\') {
          out.append('\\');
        }
        out.append(c);
      }
    }
    return out.toString();
  }
}
