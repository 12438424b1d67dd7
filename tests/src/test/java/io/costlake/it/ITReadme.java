package io.costlake.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.jobs.Job;
import io.costlake.jobs.Main;
import io.costlake.model.FocusColumn;
import io.costlake.model.Table;
import io.costlake.model.TableColumn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's references cannot fall behind the code: every table column and job is documented.
 */
class ITReadme {
  private static String readme() throws IOException {
    return Files.readString(Path.of("..", "README.md"));
  }

  @Test
  void everyColumnOfEveryTableIsInTheTableReference() throws IOException {
    String readme = readme();
    for (Table table : Table.values()) {
      int section = readme.indexOf("### `" + table.tableName() + "`");
      assertTrue(section >= 0, table.tableName() + " has no section");
      for (TableColumn column : table.columns()) {
        if (column instanceof FocusColumn && table != Table.COST_LINE_ITEMS) {
          continue; // FOCUS columns are documented once, under cost_line_items
        }
        assertTrue(
            readme.indexOf("| `" + column.columnName() + "` |", section) > 0,
            table.tableName() + "." + column.columnName() + " is not documented");
      }
    }
  }

  @Test
  void everyJobIsInTheJobList() throws IOException {
    String readme = readme();
    for (Job job : new Main().jobs().values()) {
      assertTrue(
          readme.contains("| `" + job.spec().name()), job.spec().name() + " is not documented");
    }
  }
}
