package io.costlake.it;

import static io.costlake.testing.Money.assertMoney;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.costlake.testing.Hashes;
import io.costlake.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.JavaConverters;

/** CUR as Parquet: Athena-style CUR 1.0 and Data Exports CUR 2.0 with map columns. */
class ITParquet {
  @TempDir Path dir;

  private final SparkSession spark = TestSpark.session();

  private Dataset<Row> table(String warehouse, String name) {
    return spark.read().format("delta").load(warehouse + "/" + name);
  }

  /** One Parquet file named {@code name} in {@code folder}, from a frame. */
  private Path parquet(Dataset<Row> frame, Path folder, String name) throws IOException {
    Path scratch = dir.resolve("scratch-" + name.replace('.', '-'));
    frame.coalesce(1).write().parquet(Fixtures.uri(scratch));
    Path part = Fixtures.files(scratch, ".parquet").get(0);
    Files.createDirectories(folder);
    return Files.move(part, folder.resolve(name));
  }

  @Test
  void athenaStyleParquetMapsLikeTheSameDataAsCsv() throws IOException {
    Path samples = Fixtures.awsSamples(dir.resolve("samples"));
    Path csv = samples.resolve("koku_2022-07-01-alt-columns.csv");
    Dataset<Row> strings = spark.read().option("header", "true").csv(Fixtures.uri(csv));
    Path file = parquet(strings, dir.resolve("athena"), "cur-00001.snappy.parquet");

    String fromCsv = Fixtures.uri(dir.resolve("w-csv"));
    String fromParquet = Fixtures.uri(dir.resolve("w-parquet"));
    assertEquals(
        0,
        Cli.run(
                "ingest",
                "--provider",
                "aws",
                "--warehouse",
                fromCsv,
                "--source",
                Fixtures.uri(csv))
            .exitCode);
    Cli cli =
        Cli.run(
            "ingest",
            "--provider",
            "aws",
            "--warehouse",
            fromParquet,
            "--source",
            Fixtures.uri(file));
    assertEquals(0, cli.exitCode, cli.toString());

    String[] compared =
        java.util.Arrays.stream(table(fromCsv, "cost_line_items").columns())
            .filter(c -> !List.of("x_SourceFile", "x_ContractVersion", "x_IngestRunId").contains(c))
            .toArray(String[]::new);
    List<Row> expected =
        table(fromCsv, "cost_line_items")
            .selectExpr(compared)
            .orderBy("x_SourceRow")
            .collectAsList();
    List<Row> actual =
        table(fromParquet, "cost_line_items")
            .selectExpr(compared)
            .orderBy("x_SourceRow")
            .collectAsList();
    assertEquals(2, actual.size());
    assertEquals(expected, actual);
    assertEquals(
        "aws-cur-1.0-athena/v1",
        table(fromParquet, "cost_line_items").head().getAs("x_ContractVersion"));
    Row run = table(fromParquet, "ingest_runs").head();
    assertEquals(Hashes.sha256Hex(Files.readAllBytes(file)), run.getAs("file_sha256"));
    assertEquals(2L, (long) run.getAs("rows_in"));
  }

  @Test
  void dataExportsCur2WithMapColumnsAndItsManifest() throws IOException {
    Dataset<Row> cur2 =
        spark
            .sql(
                "SELECT * FROM VALUES "
                    + "('Usage', 1.25D, CAST(NULL AS DOUBLE), map('user_team', 'search', 'aws_created_by', 'bot'), 24.0D),"
                    + "('Usage', 3.0D, 2.5D, map('user_team', ''), 1.0E-6D)"
                    + " AS t(line_item_line_item_type, line_item_unblended_cost, line_item_net_unblended_cost, resource_tags, line_item_usage_amount)")
            .selectExpr(
                "'123456789012' AS bill_payer_account_id",
                "TIMESTAMP '2024-03-01 00:00:00' AS bill_billing_period_start_date",
                "TIMESTAMP '2024-04-01 00:00:00' AS bill_billing_period_end_date",
                "'210987654321' AS line_item_usage_account_id",
                "'dev-account' AS line_item_usage_account_name",
                "line_item_line_item_type",
                "TIMESTAMP '2024-03-05 00:00:00' AS line_item_usage_start_date",
                "TIMESTAMP '2024-03-06 00:00:00' AS line_item_usage_end_date",
                "'AmazonEC2' AS line_item_product_code",
                "'USD' AS line_item_currency_code",
                "line_item_unblended_cost",
                "line_item_net_unblended_cost",
                "line_item_usage_amount",
                "resource_tags",
                "map('product_name', 'Amazon Elastic Compute Cloud', 'region', 'us-east-1', 'instance_type', 'm5.large') AS product",
                "map('Team', 'payments') AS cost_category");
    Path root = dir.resolve("exports/cur2");
    Path file =
        parquet(cur2, root.resolve("data/BILLING_PERIOD=2024-03"), "cur2-00001.snappy.parquet");
    Path manifest = root.resolve("metadata/BILLING_PERIOD=2024-03/cur2-Manifest.json");
    Files.createDirectories(manifest.getParent());
    Files.writeString(
        manifest,
        "{\"executionId\":\"exec-1\",\"exportName\":\"cur2\",\"billingPeriod\":\"2024-03\","
            + "\"dataFiles\":[\"s3://billing-bucket/exports/cur2/data/BILLING_PERIOD=2024-03/cur2-00001.snappy.parquet\"]}");

    String warehouse = Fixtures.uri(dir.resolve("warehouse"));
    Cli cli =
        Cli.run(
            "ingest",
            "--provider",
            "aws",
            "--warehouse",
            warehouse,
            "--source",
            Fixtures.uri(root));
    assertEquals(0, cli.exitCode, cli.toString());
    List<Row> rows = table(warehouse, "cost_line_items").orderBy("x_SourceRow").collectAsList();
    assertEquals(2, rows.size());
    Row first = rows.get(0);
    assertMoney("1.25", first.getAs("BilledCost"));
    assertMoney("2.5", rows.get(1).getAs("BilledCost"), "net cost when the row has it");
    assertMoney("3", rows.get(1).getAs("x_GrossCost"));
    assertMoney("0.000001", rows.get(1).getAs("ConsumedQuantity"));
    assertEquals("Amazon Elastic Compute Cloud", first.getAs("ServiceName"));
    assertEquals("us-east-1", first.getAs("RegionId"));
    assertEquals("dev-account", first.getAs("SubAccountName"));
    assertEquals("2024-03", first.getAs("x_BillingPeriod"));
    assertEquals(1L, (long) first.getAs("x_SourceRow"));
    assertEquals(2L, (long) rows.get(1).getAs("x_SourceRow"));
    assertEquals("aws-cur-2.0/v1", first.getAs("x_ContractVersion"));
    assertEquals(
        Map.of("team", "search", "aws:created_by", "bot"),
        JavaConverters.mapAsJavaMap(first.getMap(first.fieldIndex("Tags"))));
    assertEquals(
        Map.of(),
        JavaConverters.mapAsJavaMap(rows.get(1).getMap(rows.get(1).fieldIndex("Tags"))),
        "empty tag values are no tags");
    assertEquals(
        Map.of("Team", "payments"),
        JavaConverters.mapAsJavaMap(first.getMap(first.fieldIndex("x_CostCategories"))));
    Row run = table(warehouse, "ingest_runs").head();
    assertEquals(Fixtures.uri(manifest), run.getAs("manifest"));
    assertEquals("exec-1", run.getAs("assembly_id"));
    assertEquals(Hashes.sha256Hex(Files.readAllBytes(file)), run.getAs("file_sha256"));
    assertEquals(
        List.of("2024-03"),
        JavaConverters.seqAsJavaList(run.<String>getSeq(run.fieldIndex("billing_periods"))).stream()
            .collect(Collectors.toList()));
  }
}
