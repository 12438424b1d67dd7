package io.costlake.provider.gcp;

import io.costlake.ingest.RawFrame;
import io.costlake.ingest.read.FileRowReader;
import io.costlake.ingest.read.ReadFailure;
import io.costlake.io.OpenedFile;
import io.costlake.io.StoredFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.collection.JavaConverters;

/**
 * Reads one JSON-lines or Avro extract into GCP raw rows, lazily, on an executor: one ROW record
 * per export record (its line or record number kept), then a FILE record with the file's SHA-256,
 * byte count, record count, drift and any file-level error. It never throws for bad content.
 */
final class GcpFileReader extends FileRowReader {
  /** One record of a file, as JSON, with the fields the contract does not know. */
  static final class Record {
    final long position;
    final String json;
    final Map<String, String> extensions;
    final String errorCode;
    final String errorColumn;
    final String errorValue;

    Record(
        long position,
        String json,
        Map<String, String> extensions,
        String errorCode,
        String errorColumn,
        String errorValue) {
      this.position = position;
      this.json = json;
      this.extensions = extensions;
      this.errorCode = errorCode;
      this.errorColumn = errorColumn;
      this.errorValue = errorValue;
    }
  }

  /** The records of one opened file, in order. */
  interface Source extends AutoCloseable {
    /** The next record, or null at the end. */
    Record next() throws IOException;

    /** Why the file cannot be mapped at all (its schema lacks required fields), when it cannot. */
    default String contractViolation() {
      return null;
    }

    /** Top-level fields seen so far that the contract does not know. */
    Set<String> unknownFields();

    @Override
    void close() throws IOException;
  }

  /** Opens a {@link Source} over a file's decompressed content. */
  interface SourceFactory extends java.io.Serializable {
    Source open(OpenedFile file) throws IOException;
  }

  private static final int WIDTH = GcpRawSchema.SCHEMA.fields().length;
  private static final int TRAILING = WIDTH - RawFrame.trailingWidth();

  private final SourceFactory factory;
  private Source source;
  private final Set<String> unknown = new LinkedHashSet<>();

  GcpFileReader(StoredFile file, Configuration conf, SourceFactory factory) {
    super(file, conf);
    this.factory = factory;
  }

  @Override
  protected void start() throws IOException {
    source = factory.open(opened);
  }

  @Override
  protected Row nextRow() throws IOException {
    Record record;
    while ((record = source.next()) != null) {
      rows++;
      if (source.contractViolation() == null) {
        return dataRow(record);
      }
    }
    return null;
  }

  @Override
  protected void finish() {
    unknown.addAll(source.unknownFields());
  }

  private Row dataRow(Record record) {
    Object[] values = new Object[WIDTH];
    values[0] = RawFrame.KIND_ROW;
    values[1] = file.uri();
    values[2] = record.position;
    values[3] = GcpExport.NESTED_CONTRACT;
    values[4] = record.errorCode;
    values[5] = record.errorColumn;
    values[6] = record.errorValue;
    values[GcpRawSchema.RECORD_INDEX] = record.json;
    values[GcpRawSchema.EXTENSIONS_INDEX] =
        record.extensions == null || record.extensions.isEmpty()
            ? null
            : JavaConverters.mapAsScalaMap(record.extensions);
    return RowFactory.create(values);
  }

  @Override
  protected String position() {
    return "after record " + rows;
  }

  @Override
  protected ReadFailure.FormatFailures formatFailures() {
    return (failed, cause, after) ->
        failed instanceof org.apache.avro.AvroRuntimeException
            ? new ReadFailure(
                "CORRUPT_FILE",
                "the file's data is corrupt " + after + " (" + cause.getMessage() + ")")
            : null;
  }

  @Override
  protected Row fileRecord() {
    String violation = source == null ? null : source.contractViolation();
    closeQuietly();
    Object[] values = new Object[WIDTH];
    values[0] = RawFrame.KIND_FILE;
    values[1] = file.uri();
    values[3] = GcpExport.NESTED_CONTRACT;
    values[TRAILING] = errorCode == null && opened != null ? opened.sha256Hex() : null;
    values[TRAILING + 1] = opened == null ? null : opened.storedBytesRead();
    values[TRAILING + 2] = rows;
    if (errorCode == null && violation != null) {
      errorCode = "MISSING_COLUMNS";
      errorMessage = violation;
    }
    if (errorCode == null && opened != null && opened.storedBytesRead() == 0) {
      // An extract of zero bytes is a delivery that broke, not a month without cost.
      errorCode = "EMPTY_FILE";
      errorMessage = "the file is empty (0 bytes)";
    }
    values[TRAILING + 3] = errorCode;
    values[TRAILING + 4] = errorMessage;
    List<String> drift = new ArrayList<>(unknown);
    values[TRAILING + 5] = JavaConverters.asScalaBuffer(drift).toSeq();
    return RowFactory.create(values);
  }

  @Override
  protected void closeFormat() throws IOException {
    if (source != null) {
      source.close();
    }
  }
}
