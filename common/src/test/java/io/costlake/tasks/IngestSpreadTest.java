package io.costlake.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.costlake.ingest.ExportFile;
import io.costlake.ingest.RawFrame;
import io.costlake.io.StoredFile;
import io.costlake.testing.TestSpark;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

class IngestSpreadTest {
  private static Dataset<Row> oneFileOfRows(long rows) {
    return TestSpark.session()
        .range(0, rows, 1, 1)
        .select(
            functions.lit("file:/exports/big.csv.gz").as(RawFrame.SOURCE_FILE),
            functions.col("id").plus(1).as(RawFrame.SOURCE_ROW));
  }

  private static List<ExportFile> files(long... bytes) {
    return LongStream.of(bytes)
        .mapToObj(
            b ->
                new ExportFile(
                    new StoredFile("file:/exports/" + b + ".csv.gz", b),
                    ExportFile.Layout.CSV,
                    "file:/exports"))
        .collect(Collectors.toList());
  }

  @Test
  void aBigSingleFileIsSpreadOverTheCoresWithEveryRowKept() {
    Dataset<Row> raw = oneFileOfRows(1_000);
    Dataset<Row> spread = Ingestion.spread(raw, files(20L << 20), 2);
    assertEquals(2, spread.javaRDD().getNumPartitions());
    assertEquals(1_000, spread.count());
    assertEquals(500_500L, spread.agg(functions.sum(RawFrame.SOURCE_ROW)).first().getLong(0));
  }

  @Test
  void smallInputOrAsManyFilesAsCoresIsLeftAsRead() {
    Dataset<Row> raw = oneFileOfRows(10);
    assertSame(raw, Ingestion.spread(raw, files(1L << 20), 8));
    assertSame(raw, Ingestion.spread(raw, files(40L << 20), 1));
  }
}
