package io.costlake.provider.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.ingest.RawFrame;
import io.costlake.ingest.read.CsvFileReader;
import io.costlake.io.StoredFile;
import io.costlake.testing.Hashes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurCsvReadingTest {
  static final String HEADER =
      "bill/PayerAccountId,bill/BillingPeriodStartDate,bill/BillingPeriodEndDate,lineItem/LineItemType,"
          + "lineItem/UsageStartDate,lineItem/UsageEndDate,lineItem/ProductCode,lineItem/CurrencyCode,"
          + "lineItem/UnblendedCost,lineItem/LineItemDescription,resourceTags/user:Team";
  static final String ROW =
      "111111111111,2024-01-01T00:00:00Z,2024-02-01T00:00:00Z,Usage,2024-01-01T00:00:00Z,"
          + "2024-01-02T00:00:00Z,AmazonEC2,USD,1.5,";

  @TempDir Path dir;

  private List<Row> read(Path file) {
    List<Row> rows = new ArrayList<>();
    try (CsvFileReader reader =
        new CsvFileReader(
            new StoredFile("file:" + file.toAbsolutePath(), Files.size(file)),
            new Configuration(),
            new CurCsvLayout())) {
      reader.forEachRemaining(rows::add);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return rows;
  }

  private static Row fileRecord(List<Row> rows) {
    Row last = rows.get(rows.size() - 1);
    assertEquals(RawFrame.KIND_FILE, last.getString(0));
    return last;
  }

  private static Object field(Row row, String name) {
    return row.get(CurRawSchema.SCHEMA.fieldIndex(name));
  }

  private Path plain(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  private Path gzip(String name, byte[] content) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content);
    }
    return file;
  }

  @Test
  void readsRowsWithNumbersTagsAndAChecksumOfTheStoredBytes() throws Exception {
    Path file =
        gzip(
            "cur.csv.gz",
            (HEADER + "\r\n" + ROW + "\"multi\nline, quoted\",search\r\n" + ROW + "x,\n")
                .getBytes(StandardCharsets.UTF_8));
    List<Row> rows = read(file);
    assertEquals(3, rows.size());
    Row first = rows.get(0);
    assertEquals(RawFrame.KIND_ROW, first.getString(0));
    assertEquals(1L, field(first, RawFrame.SOURCE_ROW));
    assertEquals("1.5", field(first, CurField.LINE_ITEM_UNBLENDED_COST.rawName()));
    assertEquals(
        "multi\nline, quoted", field(first, CurField.LINE_ITEM_LINE_ITEM_DESCRIPTION.rawName()));
    assertEquals(
        "search",
        scala.collection.JavaConverters.mapAsJavaMap(
                (scala.collection.Map<String, String>) field(first, CurRawSchema.RESOURCE_TAGS))
            .get("user:Team"));
    assertEquals(2L, field(rows.get(1), RawFrame.SOURCE_ROW));
    assertEquals(
        0,
        scala.collection.JavaConverters.mapAsJavaMap(
                (scala.collection.Map<String, String>)
                    field(rows.get(1), CurRawSchema.RESOURCE_TAGS))
            .size(),
        "empty tag cells are no tags");
    Row summary = fileRecord(rows);
    assertEquals(2L, field(summary, RawFrame.ROWS_READ));
    assertNull(field(summary, RawFrame.FILE_ERROR_CODE));
    String sha = Hashes.sha256Hex(Files.readAllBytes(file));
    assertEquals(sha, field(summary, RawFrame.FILE_SHA256));
    assertEquals(Files.size(file), field(summary, RawFrame.FILE_BYTES));
    assertEquals("aws-cur-1.0/v1", field(summary, RawFrame.CONTRACT));
  }

  @Test
  void aTruncatedGzipIsAFileErrorAfterTheRowsItHeld() throws IOException {
    StringBuilder content = new StringBuilder(HEADER).append('\n');
    for (int i = 0; i < 2000; i++) {
      content.append(ROW).append("row ").append(i).append(",\n");
    }
    Path whole = gzip("whole.csv.gz", content.toString().getBytes(StandardCharsets.UTF_8));
    byte[] bytes = Files.readAllBytes(whole);
    Path truncated = dir.resolve("truncated.csv.gz");
    Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    List<Row> rows = read(truncated);
    Row summary = fileRecord(rows);
    assertEquals("TRUNCATED_FILE", field(summary, RawFrame.FILE_ERROR_CODE));
    assertTrue(
        ((String) field(summary, RawFrame.FILE_ERROR_MESSAGE))
            .startsWith("the file ends abruptly after data row "));
    assertNull(field(summary, RawFrame.FILE_SHA256), "no checksum for a file not read to its end");
  }

  @Test
  void aFileNamedGzThatIsNotGzipIsCorrupt() throws IOException {
    Row summary = fileRecord(read(plain("not-gzip.csv.gz", HEADER + "\n" + ROW + "x,\n")));
    assertEquals("CORRUPT_FILE", field(summary, RawFrame.FILE_ERROR_CODE));
    assertEquals(
        "the compressed data is corrupt after data row 0 (Not in GZIP format)",
        field(summary, RawFrame.FILE_ERROR_MESSAGE));
  }

  @Test
  void anEmptyFileIsAFileError() throws IOException {
    Row summary = fileRecord(read(plain("empty.csv", "")));
    assertEquals("EMPTY_FILE", field(summary, RawFrame.FILE_ERROR_CODE));
  }

  @Test
  void aHeaderOnlyFileHasNoRowsAndNoError() throws IOException {
    List<Row> rows = read(plain("header.csv", HEADER + "\n"));
    assertEquals(1, rows.size());
    assertEquals(0L, field(fileRecord(rows), RawFrame.ROWS_READ));
    assertNull(field(fileRecord(rows), RawFrame.FILE_ERROR_CODE));
  }

  @Test
  void aFileMissingRequiredColumnsIsCountedButNotMapped() throws IOException {
    String header = HEADER.replace("lineItem/UnblendedCost,", "");
    String row = ROW.replace(",1.5,", ",");
    List<Row> rows = read(plain("missing.csv", header + "\n" + row + "\n" + row + "\n"));
    assertEquals(1, rows.size());
    Row summary = fileRecord(rows);
    assertEquals(2L, field(summary, RawFrame.ROWS_READ));
    assertEquals("MISSING_COLUMNS", field(summary, RawFrame.FILE_ERROR_CODE));
    assertEquals(
        "missing required column lineItem/UnblendedCost (contract aws-cur-1.0/v1)",
        field(summary, RawFrame.FILE_ERROR_MESSAGE));
  }

  @Test
  void shortRowsArePaddedAndWideRowsAreFlagged() throws IOException {
    String shortRow = "111111111111,2024-01-01T00:00:00Z";
    String wideRow = ROW + "x,team,extra";
    List<Row> rows = read(plain("ragged.csv", HEADER + "\n" + shortRow + "\n" + wideRow + "\n"));
    assertEquals(3, rows.size());
    assertNull(field(rows.get(0), CurField.LINE_ITEM_UNBLENDED_COST.rawName()));
    assertNull(field(rows.get(0), RawFrame.ROW_ERROR_CODE));
    assertEquals("ROW_TOO_WIDE", field(rows.get(1), RawFrame.ROW_ERROR_CODE));
  }

  @Test
  void unknownColumnsAreReportedAsDrift() throws IOException {
    Row summary =
        fileRecord(read(plain("drift.csv", HEADER + ",vendor/Extra\n" + ROW + "x,t,1\n")));
    assertEquals(
        List.of("vendor/Extra"),
        scala.collection.JavaConverters.seqAsJavaList(
            (scala.collection.Seq<String>) field(summary, RawFrame.UNKNOWN_COLUMNS)));
  }

  @Test
  void cur2CsvMapColumnsAreReadAsJson() throws IOException {
    String header =
        "bill_payer_account_id,bill_billing_period_start_date,bill_billing_period_end_date,line_item_line_item_type,"
            + "line_item_usage_start_date,line_item_usage_end_date,line_item_product_code,line_item_currency_code,"
            + "line_item_unblended_cost,resource_tags,product";
    String row =
        "1,2024-01-01,2024-02-01,Usage,2024-01-01,2024-01-02,AmazonEC2,USD,1,"
            + "\"{\"\"user_team\"\":\"\"search\"\"}\",\"{\"\"product_name\"\":\"\"Amazon EC2\"\",\"\"region\"\":\"\"us-east-1\"\"}\"";
    List<Row> rows = read(plain("cur2.csv", header + "\n" + row + "\n"));
    Row first = rows.get(0);
    assertEquals("aws-cur-2.0/v1", first.getString(3));
    assertEquals("Amazon EC2", field(first, CurField.PRODUCT_PRODUCT_NAME.rawName()));
    assertEquals("us-east-1", field(first, CurField.PRODUCT_REGION.rawName()));
    assertEquals(
        "search",
        scala.collection.JavaConverters.mapAsJavaMap(
                (scala.collection.Map<String, String>) field(first, CurRawSchema.RESOURCE_TAGS))
            .get("user_team"));
  }
}
