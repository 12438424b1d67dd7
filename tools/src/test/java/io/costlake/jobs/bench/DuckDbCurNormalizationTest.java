package io.costlake.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbCurNormalizationTest {
  @TempDir Path dir;

  @Test
  void theBaselineWritesOneRowPerInputRowWithOneRecordHash() throws Exception {
    BenchExports.awsHistory(dir.resolve("cur"), 400, YearMonth.of(2025, 9), 1, 7);
    List<Path> files = BenchExports.files(dir.resolve("cur"), ".csv.gz");
    assertTrue(!files.isEmpty(), "the generator wrote a CUR");
    Path out = dir.resolve("out");
    long written = DuckDbCurNormalization.run(files, out, 2, 1L << 30);
    assertTrue(written > 0);
    assertEquals(written, DuckDbCurNormalization.verify(files, out));
  }

  @Test
  void anOutputOfOtherColumnsFailsTheBench() throws Exception {
    BenchExports.awsHistory(dir.resolve("cur"), 50, YearMonth.of(2025, 9), 1, 7);
    List<Path> files = BenchExports.files(dir.resolve("cur"), ".csv.gz");
    Path out = dir.resolve("wrong");
    Files.createDirectories(out);
    try (var connection = java.sql.DriverManager.getConnection("jdbc:duckdb:");
        var sql = connection.createStatement()) {
      sql.execute(
          "COPY (SELECT 1 AS x_RecordHash, 2 AS x_RecordHash_1) TO '"
              + out.resolve("data.parquet")
              + "' (FORMAT PARQUET)");
    }
    assertTrue(
        assertThrows(IllegalStateException.class, () -> DuckDbCurNormalization.verify(files, out))
            .getMessage()
            .contains("x_RecordHash_1"));
  }
}
