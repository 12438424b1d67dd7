package io.costlake.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.costlake.model.BillingPeriod;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;

/**
 * The rows of a table a write replaces (Delta's {@code replaceWhere}) or a read selects: one
 * condition built from typed values, kept both as SQL text and as a {@link Column} so the two can
 * never say different things. Every literal is quoted here, nowhere else.
 */
public final class RowScope {
  /** How an operand is written inside a larger condition: an OR inside an AND gets parentheses. */
  private enum Kind {
    ATOM,
    AND,
    OR
  }

  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final String sql;
  private final Column column;
  private final Kind kind;

  private RowScope(String sql, Column column, Kind kind) {
    this.sql = sql;
    this.column = column;
    this.kind = kind;
  }

  private RowScope(String sql, Column column) {
    this(sql, column, Kind.ATOM);
  }

  /** {@code column = 'value'}. */
  public static RowScope equalTo(String column, Object value) {
    String text = String.valueOf(Objects.requireNonNull(value));
    return new RowScope(quoteName(column) + " = " + quote(text), col(column).equalTo(lit(text)));
  }

  /** {@code column IN ('a', 'b')}; no row at all when {@code values} is empty. */
  public static RowScope in(String column, Collection<?> values) {
    if (values.isEmpty()) {
      return none();
    }
    List<String> texts = values.stream().map(String::valueOf).collect(Collectors.toList());
    return new RowScope(
        quoteName(column)
            + " IN ("
            + texts.stream().map(RowScope::quote).collect(Collectors.joining(", "))
            + ")",
        col(column).isin(texts.toArray()));
  }

  /** The rows of these billing periods ({@code x_BillingPeriod}, or another period column). */
  public static RowScope periods(String column, Collection<BillingPeriod> periods) {
    return in(column, periods);
  }

  /** No row. */
  public static RowScope none() {
    return new RowScope("false", lit(false));
  }

  public RowScope and(RowScope other) {
    return new RowScope(
        within(Kind.AND) + " AND " + other.within(Kind.AND), column.and(other.column), Kind.AND);
  }

  public RowScope or(RowScope other) {
    return new RowScope(
        within(Kind.OR) + " OR " + other.within(Kind.OR), column.or(other.column), Kind.OR);
  }

  /** Any of {@code scopes}, each alone in parentheses; no row when there is none. */
  public static RowScope anyOf(Collection<RowScope> scopes) {
    if (scopes.size() == 1) {
      RowScope only = scopes.iterator().next();
      return only.kind == Kind.ATOM ? only : new RowScope("(" + only.sql + ")", only.column);
    }
    return scopes.stream().reduce(RowScope::or).orElseGet(RowScope::none);
  }

  /** This condition as an operand of {@code parent}: parenthesized unless it is one term. */
  private String within(Kind parent) {
    return kind == Kind.ATOM || kind == parent ? sql : "(" + sql + ")";
  }

  /** As SQL text: Delta's {@code replaceWhere}, a WHERE clause. */
  public String sql() {
    return sql;
  }

  public Column column() {
    return column;
  }

  @Override
  public String toString() {
    return sql;
  }

  /** A SQL string literal. */
  public static String quote(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static String quoteName(String column) {
    return PLAIN_NAME.matcher(column).matches() ? column : "`" + column.replace("`", "``") + "`";
  }
}
