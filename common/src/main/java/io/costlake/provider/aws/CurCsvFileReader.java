package io.costlake.provider.aws;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import io.costlake.ingest.RawFrame;
import io.costlake.io.OpenedFile;
import io.costlake.io.StoredFile;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.zip.ZipException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.collection.JavaConverters;

/**
 * Reads one CUR CSV file (plain, gzip or zip) into raw rows, lazily, on an executor. Each data row
 * keeps its 1-based row number; a last {@code FILE} record carries the file's SHA-256, byte count,
 * row count, unknown columns and any file-level error (empty file, missing required columns,
 * truncated or malformed content). It never throws for bad content: the job decides what to do.
 */
public final class CurCsvFileReader implements Iterator<Row>, AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int WIDTH = CurRawSchema.width();
  private static final int TRAILING_START = WIDTH - RawFrame.trailingWidth();

  private final StoredFile file;
  private final Configuration conf;
  private OpenedFile opened;
  private CsvParser parser;
  private CurHeader header;
  private long rows;
  private Row next;
  private boolean fileRecordEmitted;
  private String errorCode;
  private String errorMessage;

  public CurCsvFileReader(StoredFile file, Configuration conf) {
    this.file = file;
    this.conf = conf;
  }

  @Override
  public boolean hasNext() {
    if (next == null && !fileRecordEmitted) {
      next = advance();
    }
    return next != null;
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Row row = next;
    next = null;
    return row;
  }

  private Row advance() {
    try {
      if (opened == null) {
        start();
      }
      if (errorCode == null) {
        String[] record;
        while ((record = parser.parseNext()) != null) {
          rows++;
          // A file that breaks its contract is still counted to the end, but not mapped.
          if (contractViolation == null) {
            return dataRow(record);
          }
        }
        opened.drain();
      }
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
    return fileRecord();
  }

  private void start() throws IOException {
    opened = OpenedFile.open(file.uri(), conf);
    parser = new CsvParser(settings());
    parser.beginParsing(new InputStreamReader(opened.content(), StandardCharsets.UTF_8));
    String[] names = parser.parseNext();
    if (names == null || (names.length == 1 && (names[0] == null || names[0].isBlank()))) {
      errorCode = "EMPTY_FILE";
      errorMessage = "the file has no header line";
      opened.drain();
      return;
    }
    header = CurHeader.of(Arrays.stream(names).map(n -> n == null ? "" : n).toArray(String[]::new));
    List<CurField> missing = header.missingRequired();
    if (!missing.isEmpty()) {
      contractViolation =
          "missing required column"
              + (missing.size() > 1 ? "s " : " ")
              + String.join(", ", missing.stream().map(CurField::curName).toArray(String[]::new))
              + " (contract "
              + header.format().contractVersion()
              + ")";
    }
  }

  /** Set when the header breaks the contract: rows are counted, not mapped. */
  private String contractViolation;

  private void fail(Exception e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      if (cause instanceof EOFException || cause instanceof ZipException) {
        break;
      }
      cause = cause.getCause();
    }
    if (cause instanceof EOFException) {
      errorCode = "TRUNCATED_FILE";
      errorMessage =
          "the file ends abruptly after data row " + rows + " (" + cause.getMessage() + ")";
    } else if (cause instanceof ZipException) {
      errorCode = "CORRUPT_FILE";
      errorMessage =
          "the compressed data is corrupt after data row " + rows + " (" + cause.getMessage() + ")";
    } else if (e instanceof TextParsingException) {
      errorCode = "MALFORMED_CSV";
      errorMessage =
          "cannot parse CSV after data row " + rows + ": " + firstLine(cause.getMessage());
    } else {
      errorCode = "UNREADABLE_FILE";
      errorMessage =
          "cannot read the file after data row "
              + rows
              + ": "
              + firstLine(String.valueOf(cause.getMessage()));
    }
  }

  private Row fileRecord() {
    fileRecordEmitted = true;
    closeQuietly();
    Object[] values = new Object[WIDTH];
    values[0] = RawFrame.KIND_FILE;
    values[1] = file.uri();
    values[3] =
        header == null ? CurFormat.CUR_1_0.contractVersion() : header.format().contractVersion();
    boolean readToEnd = errorCode == null;
    values[TRAILING_START] = readToEnd && opened != null ? opened.sha256Hex() : null;
    values[TRAILING_START + 1] = opened == null ? null : opened.storedBytesRead();
    values[TRAILING_START + 2] = rows;
    if (errorCode == null && contractViolation != null) {
      errorCode = "MISSING_COLUMNS";
      errorMessage = contractViolation;
    }
    values[TRAILING_START + 3] = errorCode;
    values[TRAILING_START + 4] = errorMessage;
    values[TRAILING_START + 5] =
        header == null ? null : JavaConverters.asScalaBuffer(header.unknownColumns()).toSeq();
    return RowFactory.create(values);
  }

  private Row dataRow(String[] record) {
    Object[] values = new Object[WIDTH];
    values[0] = RawFrame.KIND_ROW;
    values[1] = file.uri();
    values[2] = rows;
    values[3] = header.format().contractVersion();
    if (record.length > header.width()) {
      values[4] = "ROW_TOO_WIDE";
      values[5] = null;
      values[6] = record.length + " cells under a header of " + header.width();
    }
    int base = RawFrame.FIRST_PROVIDER_FIELD;
    for (Map.Entry<CurField, Integer> entry : header.fieldIndexes().entrySet()) {
      values[base + entry.getKey().ordinal()] = cell(record, entry.getValue());
    }
    Map<String, String> product = jsonMap(record, header.productMapColumn());
    if (!product.isEmpty()) {
      fillFromProductMap(values, base, product);
    }
    int after = base + CurRawSchema.FIELD_COUNT;
    values[after] = keyed(record, header.tagColumns(), header.tagMapColumn());
    values[after + 1] = keyed(record, header.costCategoryColumns(), header.costCategoryMapColumn());
    values[after + 2] = header.hasNetColumns();
    return RowFactory.create(values);
  }

  /** CUR 2.0 moved most product columns into one map; read the ones we need from it. */
  private static void fillFromProductMap(Object[] values, int base, Map<String, String> product) {
    Map<String, String> byKey = new LinkedHashMap<>();
    product.forEach((k, v) -> byKey.put(CurField.key(k), v));
    for (CurField field : CurField.values()) {
      if (field.family().equals("product") && values[base + field.ordinal()] == null) {
        String value = byKey.get(CurField.key(field.attribute()));
        if (value == null) {
          value = byKey.get(CurField.key("product_" + field.attribute()));
        }
        values[base + field.ordinal()] = value;
      }
    }
  }

  private static scala.collection.Map<String, String> keyed(
      String[] record, List<CurHeader.KeyedColumn> columns, int mapColumn) {
    Map<String, String> map = new LinkedHashMap<>();
    for (CurHeader.KeyedColumn column : columns) {
      String value = cell(record, column.index);
      if (value != null && !value.isEmpty()) {
        map.put(column.key, value);
      }
    }
    jsonMap(record, mapColumn)
        .forEach(
            (k, v) -> {
              if (v != null && !v.isEmpty()) {
                map.putIfAbsent(k, v);
              }
            });
    return JavaConverters.mapAsScalaMap(map);
  }

  /** CUR 2.0 CSV writes map columns as JSON objects; anything else there is ignored. */
  private static Map<String, String> jsonMap(String[] record, int index) {
    String json = cell(record, index);
    if (json == null || json.isBlank() || json.charAt(0) != '{') {
      return Map.of();
    }
    try {
      Map<String, Object> parsed =
          JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
      Map<String, String> out = new LinkedHashMap<>();
      parsed.forEach((k, v) -> out.put(k, v == null ? null : String.valueOf(v)));
      return out;
    } catch (IOException e) {
      return Map.of();
    }
  }

  private static String cell(String[] record, int index) {
    if (index < 0 || index >= record.length) {
      return null;
    }
    String value = record[index];
    return value == null || value.isEmpty() ? null : value;
  }

  private static CsvParserSettings settings() {
    CsvParserSettings settings = new CsvParserSettings();
    settings.setMaxColumns(20_000);
    settings.setMaxCharsPerColumn(-1);
    settings.setLineSeparatorDetectionEnabled(true);
    settings.setNullValue(null);
    settings.setEmptyValue("");
    settings.setIgnoreLeadingWhitespaces(false);
    settings.setIgnoreTrailingWhitespaces(false);
    settings.setSkipEmptyLines(true);
    settings.setCommentProcessingEnabled(false);
    settings.setReadInputOnSeparateThread(false);
    settings.setErrorContentLength(200);
    return settings;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    String line = message.split("\\R", 2)[0];
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }

  private void closeQuietly() {
    try {
      if (parser != null) {
        parser.stopParsing();
      }
      if (opened != null) {
        opened.close();
      }
    } catch (IOException | RuntimeException e) {
      // the file was read as far as it could be; closing cannot lose data
    }
  }

  @Override
  public void close() {
    closeQuietly();
  }
}
