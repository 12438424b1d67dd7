package io.costlake.jobs;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import scala.collection.JavaConverters;

/**
 * What a parsed SQL statement does: {@code sql} runs queries and the statements that only show
 * things; one that changes a table, a view, a file or the catalog needs {@code --write}. Decided on
 * Spark's parsed plan, not on the text, so a write inside a {@code WITH} is seen too.
 */
final class SqlStatements {
  /**
   * Spark and Delta commands that change nothing stored (by their class names: Delta's are its
   * own). USE only changes the session's current database (a JDBC session opens with one).
   */
  private static final Set<String> SHOW_ONLY =
      Set.of(
          "ShowTables",
          "ShowTablesExtended",
          "ShowViews",
          "ShowColumns",
          "ShowNamespaces",
          "ShowCatalogs",
          "ShowCurrentNamespace",
          "ShowFunctions",
          "ShowPartitions",
          "ShowTableProperties",
          "ShowCreateTable",
          "DescribeRelation",
          "DescribeColumn",
          "DescribeFunction",
          "DescribeNamespace",
          "ExplainCommand",
          "SetCommand",
          "ResetCommand",
          "SetCatalogAndNamespace",
          "DescribeDeltaHistory",
          "DescribeDeltaHistoryCommand",
          "DescribeDeltaDetailCommand");

  /**
   * Writes that Spark does not model as a {@link Command}. Delta's statements that are not commands
   * (RESTORE, CLONE, REORG, ...) count as writes unless {@link #SHOW_ONLY} names them.
   */
  private static final Set<String> WRITES =
      Set.of(
          "InsertIntoStatement",
          "InsertIntoDir",
          "AppendData",
          "OverwriteByExpression",
          // Delta's statements that it puts in Spark's package
          "RestoreTableStatement",
          "CloneTableStatement",
          "AlterTableAddConstraint",
          "AlterTableDropConstraint",
          "AlterTableDropFeature");

  private SqlStatements() {}

  /** The first node of {@code plan} that writes, by its class name; null for a read. */
  static String firstWrite(LogicalPlan plan) {
    Deque<LogicalPlan> todo = new ArrayDeque<>();
    todo.push(plan);
    while (!todo.isEmpty()) {
      LogicalPlan node = todo.pop();
      String name = node.getClass().getSimpleName();
      String className = node.getClass().getName();
      boolean deltas =
          className.startsWith("org.apache.spark.sql.delta.") || className.startsWith("io.delta.");
      boolean change = WRITES.contains(name) || node instanceof Command || deltas;
      if (change && !SHOW_ONLY.contains(name)) {
        return name;
      }
      JavaConverters.seqAsJavaList(node.children()).forEach(todo::push);
    }
    return null;
  }
}
