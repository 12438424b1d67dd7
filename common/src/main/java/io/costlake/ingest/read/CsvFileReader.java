package io.costlake.ingest.read;

import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import io.costlake.ingest.RawFrame;
import io.costlake.io.StoredFile;
import io.costlake.io.Utf8Text;
import java.io.IOException;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.collection.JavaConverters;

/**
 * Reads one CSV export file (plain, gzip or zip) into raw rows of its {@link CsvLayout}, lazily, on
 * an executor. Each data row keeps its 1-based row number; a last {@code FILE} record carries the
 * file's SHA-256, byte count, row count, unknown columns and any file-level error (empty file,
 * missing required columns, truncated or malformed content). It never throws for bad content: the
 * job decides what to do.
 */
public final class CsvFileReader extends FileRowReader {
  private final CsvLayout layout;
  private final int width;
  private final int trailingStart;
  private CsvParser parser;
  private CsvLayout.Binding header;

  public CsvFileReader(StoredFile file, Configuration conf, CsvLayout layout) {
    super(file, conf);
    this.layout = layout;
    this.width = layout.schema().fields().length;
    this.trailingStart = width - RawFrame.trailingWidth();
  }

  @Override
  protected Row nextRow() {
    String[] record;
    while ((record = parser.parseNext()) != null) {
      rows++;
      firstLine = lastLine + 1;
      lastLine = parser.getContext().currentLine();
      // A file that breaks its contract is still counted to the end, but not mapped.
      if (contractViolation == null) {
        return dataRow(record, lastLine - firstLine > 0);
      }
    }
    return null;
  }

  @Override
  protected void start() throws IOException {
    parser = new CsvParser(settings());
    parser.beginParsing(new LineEndings(Utf8Text.reader(opened.content())));
    String[] names = parser.parseNext();
    lastLine = parser.getContext().currentLine();
    headerNames = names;
    if (names == null || (names.length == 1 && (names[0] == null || names[0].isBlank()))) {
      errorCode = "EMPTY_FILE";
      errorMessage = "the file has no header line";
      opened.drain();
      return;
    }
    header = layout.bind(Arrays.stream(names).map(n -> n == null ? "" : n).toArray(String[]::new));
    contractViolation = header.contractViolation().orElse(null);
    String twice = HeaderColumns.twice(names);
    if (twice != null) {
      violationCode = "DUPLICATE_COLUMN";
      contractViolation = twice;
    }
  }

  /** Why a file whose header breaks its contract is not mapped, with {@link #contractViolation}. */
  private String violationCode = "MISSING_COLUMNS";

  /** The physical line the parser has read to (univocity counts line breaks, quoted ones too). */
  private long lastLine;

  /** The physical line the current record starts on (blank lines before it skipped). */
  private long firstLine;

  private String[] headerNames;

  /** Set when the header breaks the contract: rows are counted, not mapped. */
  private String contractViolation;

  @Override
  protected String position() {
    return "after data row " + rows;
  }

  @Override
  protected ReadFailure.FormatFailures formatFailures() {
    return (failed, cause, after) ->
        failed instanceof TextParsingException
            ? new ReadFailure(
                "MALFORMED_CSV",
                "cannot parse CSV " + after + ": " + ReadFailure.firstLine(cause.getMessage()))
            : null;
  }

  @Override
  protected Row fileRecord() {
    closeQuietly();
    Object[] values = new Object[width];
    values[0] = RawFrame.KIND_FILE;
    values[1] = file.uri();
    values[3] = header == null ? layout.defaultContract() : header.contract();
    boolean readToEnd = errorCode == null;
    values[trailingStart] = readToEnd && opened != null ? opened.sha256Hex() : null;
    values[trailingStart + 1] = opened == null ? null : opened.storedBytesRead();
    values[trailingStart + 2] = rows;
    if (errorCode == null && contractViolation != null) {
      errorCode = violationCode;
      errorMessage = contractViolation;
    }
    values[trailingStart + 3] = errorCode;
    values[trailingStart + 4] = errorMessage;
    values[trailingStart + 5] =
        header == null ? null : JavaConverters.asScalaBuffer(header.unknownColumns()).toSeq();
    return RowFactory.create(values);
  }

  private Row dataRow(String[] record, boolean manyLines) {
    Object[] values = new Object[width];
    values[0] = RawFrame.KIND_ROW;
    values[1] = file.uri();
    values[2] = rows;
    values[3] = header.contract();
    int swallower = manyLines ? SwallowedLines.cellHolding(record, header.width()) : -1;
    if (record.length > header.width()) {
      values[4] = "ROW_TOO_WIDE";
      values[5] = null;
      values[6] = record.length + " cells under a header of " + header.width();
      if (manyLines) {
        // A quote left open joined lines: keep them raw, so their cost can be recovered.
        values[6] = SwallowedLines.describe(values[6] + "", lines(), parsedContent());
      }
    } else if (swallower >= 0) {
      values[4] = SwallowedLines.CODE;
      values[5] = swallower < headerNames.length ? headerNames[swallower] : null;
      values[6] =
          SwallowedLines.describe(
              "a quote opened in this cell closes lines later: lines that look like records of"
                  + " their own are inside it",
              lines(),
              parsedContent());
    }
    header.fill(record, values);
    return RowFactory.create(values);
  }

  /**
   * The physical lines the current record spans, as "lines a-b": from the line after the previous
   * record, as many as the line breaks inside it (univocity's line count runs one ahead at the end
   * of the input).
   */
  private String lines() {
    String raw = parsedContent();
    long breaks = raw.chars().filter(c -> c == '\n').count();
    if (raw.endsWith("\n")) {
      breaks--;
    }
    return "lines " + firstLine + "-" + (firstLine + breaks);
  }

  private String parsedContent() {
    String raw = parser.getContext().currentParsedContent();
    return raw == null ? "" : raw;
  }

  private static CsvParserSettings settings() {
    CsvParserSettings settings = new CsvParserSettings();
    settings.setMaxColumns(20_000);
    settings.setMaxCharsPerColumn(-1);
    // LineEndings has made every line end a LF.
    settings.getFormat().setLineSeparator("\n");
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

  @Override
  protected void closeFormat() {
    if (parser != null) {
      parser.stopParsing();
    }
  }
}
