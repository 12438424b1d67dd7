package io.costlake.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.delta.sql.parser.DeltaSqlParser;
import java.util.List;
import org.apache.spark.sql.catalyst.parser.ParserInterface;
import org.apache.spark.sql.execution.SparkSqlParser;
import org.junit.jupiter.api.Test;

/** Parsed as the session parses them (Spark's parser under Delta's), without a session. */
class SqlStatementsTest {
  private static final ParserInterface PARSER = new DeltaSqlParser(new SparkSqlParser());

  private static String firstWrite(String sql) throws Exception {
    return SqlStatements.firstWrite(PARSER.parsePlan(sql));
  }

  @Test
  void queriesAndStatementsThatOnlyShowAreReads() throws Exception {
    for (String sql :
        List.of(
            "SELECT x_BillingPeriod, SUM(BilledCost) FROM cost_line_items GROUP BY ALL",
            "WITH a AS (SELECT 1 AS n) SELECT * FROM a",
            "SELECT COUNT(*) FROM cost_line_items VERSION AS OF 0",
            "SHOW TABLES",
            "SHOW COLUMNS IN cost_line_items",
            "DESCRIBE TABLE cost_line_items",
            "DESCRIBE HISTORY cost_line_items",
            "DESCRIBE DETAIL cost_line_items",
            "EXPLAIN SELECT 1",
            "SET spark.sql.shuffle.partitions = 4",
            "USE default")) {
      assertNull(firstWrite(sql), sql);
    }
  }

  @Test
  void everyKindOfWriteIsNamed() throws Exception {
    for (String sql :
        List.of(
            "DELETE FROM cost_line_items",
            "DELETE FROM cost_line_items WHERE x_BillingPeriod = '2025-10'",
            "UPDATE cost_line_items SET BilledCost = 0",
            "MERGE INTO cost_line_items t USING s ON t.x = s.x WHEN MATCHED THEN DELETE",
            "INSERT INTO cost_line_items SELECT * FROM cost_line_items",
            "WITH a AS (SELECT * FROM cost_line_items) INSERT INTO cost_line_items SELECT * FROM a",
            "INSERT OVERWRITE DIRECTORY '/tmp/out' USING parquet SELECT 1",
            "DROP TABLE cost_line_items",
            "TRUNCATE TABLE cost_line_items",
            "ALTER TABLE cost_line_items ADD COLUMNS (c INT)",
            "CREATE TABLE t USING delta AS SELECT 1 AS n",
            "OPTIMIZE cost_line_items",
            "VACUUM cost_line_items",
            "RESTORE TABLE cost_line_items TO VERSION AS OF 0",
            "CREATE TABLE copy SHALLOW CLONE cost_line_items",
            "REORG TABLE cost_line_items APPLY (PURGE)",
            "GENERATE symlink_format_manifest FOR TABLE cost_line_items",
            "CONVERT TO DELTA parquet.`/tmp/p`",
            "ALTER TABLE cost_line_items ADD CONSTRAINT positive CHECK (BilledCost > 0)",
            "ALTER TABLE cost_line_items DROP FEATURE deletionVectors",
            "ALTER TABLE cost_line_items CLUSTER BY (ServiceName)",
            "CREATE TEMPORARY VIEW v AS SELECT 1",
            "CACHE TABLE cost_line_items",
            "ADD JAR /tmp/x.jar")) {
      assertNotNull(firstWrite(sql), sql);
    }
    assertEquals("DeleteFromTable", firstWrite("DELETE FROM cost_line_items"));
  }
}
