package io.costlake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.costlake.model.Table;
import io.costlake.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Every query of every notebook in notebooks/, run against the demo's tables registered as views
 * the way the notebooks' setup cell registers them: each must run and return rows.
 */
@Execution(ExecutionMode.SAME_THREAD) // a reader of the shared demo run, see ITDemo
class ITNotebooks {
  private static final Pattern QUERY =
      Pattern.compile("sql\\(\"\"\"(.*?)\"\"\"\\)", Pattern.DOTALL);
  private static final Pattern SETUP_TABLES =
      Pattern.compile("TABLES = \\[(.*?)\\]", Pattern.DOTALL);

  @Test
  void everyNotebookQueryRunsOnTheDemoTablesAndReturnsRows() throws IOException {
    DemoRun run = DemoRun.get();
    SparkSession spark = TestSpark.session().newSession(); // views of its own
    List<Path> notebooks;
    try (Stream<Path> files = Files.list(Path.of("..", "notebooks"))) {
      notebooks =
          files.filter(p -> p.toString().endsWith(".ipynb")).sorted().collect(Collectors.toList());
    }
    assertTrue(notebooks.size() >= 3, "notebooks: " + notebooks);
    int queries = 0;
    List<String> failures = new ArrayList<>();
    for (Path notebook : notebooks) {
      JsonNode json = new ObjectMapper().readTree(notebook.toFile());
      assertEquals(4, json.get("nbformat").asInt(), notebook + " is not nbformat 4");
      StringBuilder code = new StringBuilder();
      for (JsonNode cell : json.get("cells")) {
        if ("code".equals(cell.get("cell_type").asText())) {
          cell.get("source").forEach(line -> code.append(line.asText()));
          code.append('\n');
        }
      }
      registerViews(spark, run.warehouse, code.toString(), notebook);
      Matcher m = QUERY.matcher(code);
      int inNotebook = 0;
      while (m.find()) {
        inNotebook++;
        String sql = m.group(1);
        try {
          long rows = spark.sql(sql).count();
          if (rows == 0) {
            failures.add(notebook.getFileName() + ": no rows from\n" + sql);
          }
        } catch (Exception e) { // parse and analysis errors are checked exceptions from Scala
          failures.add(notebook.getFileName() + ": " + e.getMessage() + "\n" + sql);
        }
      }
      assertTrue(inNotebook >= 3, notebook + " has " + inNotebook + " queries");
      queries += inNotebook;
    }
    assertEquals(List.of(), failures, queries + " queries, failures:");
  }

  /** The views the notebook's setup cell registers, each a table that costlake writes. */
  private static void registerViews(SparkSession spark, String warehouse, String code, Path nb) {
    Matcher tables = SETUP_TABLES.matcher(code);
    assertTrue(tables.find(), nb + " has no TABLES list in its setup cell");
    for (String quoted : tables.group(1).split(",")) {
      String name = quoted.strip().replace("\"", "");
      if (name.isEmpty()) {
        continue;
      }
      Table table = Table.byName(name).orElseThrow(() -> new AssertionError(nb + ": " + name));
      spark
          .read()
          .format("delta")
          .load(warehouse + "/" + table.tableName())
          .createOrReplaceTempView(table.tableName());
    }
  }
}
