package io.costlake.ingest;

import java.util.List;
import java.util.Optional;

/** What reading one file established: its checksum and row count, or why it could not be read. */
public final class FileRecord {
  private final String uri;
  private final String contract;
  private final String sha256;
  private final Long bytes;
  private final long rowsRead;
  private final String errorCode;
  private final String errorMessage;
  private final List<String> unknownColumns;

  public FileRecord(
      String uri,
      String contract,
      String sha256,
      Long bytes,
      long rowsRead,
      String errorCode,
      String errorMessage,
      List<String> unknownColumns) {
    this.uri = uri;
    this.contract = contract;
    this.sha256 = sha256;
    this.bytes = bytes;
    this.rowsRead = rowsRead;
    this.errorCode = errorCode;
    this.errorMessage = errorMessage;
    this.unknownColumns = unknownColumns == null ? List.of() : List.copyOf(unknownColumns);
  }

  public String uri() {
    return uri;
  }

  public String contract() {
    return contract;
  }

  public Optional<String> sha256() {
    return Optional.ofNullable(sha256);
  }

  public Optional<Long> bytes() {
    return Optional.ofNullable(bytes);
  }

  public long rowsRead() {
    return rowsRead;
  }

  public boolean failed() {
    return errorCode != null;
  }

  public Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }

  public Optional<String> errorMessage() {
    return Optional.ofNullable(errorMessage);
  }

  public List<String> unknownColumns() {
    return unknownColumns;
  }
}
