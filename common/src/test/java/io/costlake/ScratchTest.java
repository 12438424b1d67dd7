package io.costlake;

import io.costlake.ingest.ExportFile;
import io.costlake.io.StoredFile;
import io.costlake.provider.aws.AwsCurMapping;
import io.costlake.provider.aws.CurReader;
import io.costlake.testing.TestSpark;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class ScratchTest {
  @Test
  void scratch() {
    SparkSession spark = TestSpark.session();
    String base = "file:/work/main/jobs/src/main/resources/io/costlake/samples/aws/";
    List<ExportFile> files = List.of(
        new ExportFile(new StoredFile(base + "koku_test_cur.csv", 1), ExportFile.Layout.CSV, null, null, null),
        new ExportFile(new StoredFile(base + "koku_2023-06-01_savingsplan.csv", 1), ExportFile.Layout.CSV, null, null, null),
        new ExportFile(new StoredFile(base + "koku_2022-07-01-alt-columns.csv", 1), ExportFile.Layout.CSV, null, null, null));
    Dataset<Row> raw = CurReader.read(spark, files);
    raw.filter("_kind = 'FILE'").select("_source_file", "_file_sha256", "_file_bytes", "_rows_read", "_file_error_code", "_file_error_message").show(false);
    Dataset<Row> mapped = AwsCurMapping.standard().apply(raw.filter("_kind = 'ROW'"));
    mapped.select("x_SourceFile", "x_SourceRow", "BilledCost", "EffectiveCost", "ChargeCategory", "ServiceName", "ServiceCategory", "ServiceSubcategory", "Tags", "_errors").show(30, false);
    spark.range(3).write().mode("overwrite").parquet("/tmp/scratch-pq");
    spark.read().parquet("/tmp/scratch-pq").select("id", "_metadata.file_path", "_metadata.row_index").show(false);
  }
}
