package io.costlake.ingest.read;

import io.costlake.io.OpenedFile;
import io.costlake.io.RefusedContent;
import io.costlake.io.StoredFile;
import java.io.EOFException;
import java.util.zip.ZipException;
import org.apache.hadoop.conf.Configuration;

/**
 * Why a file could not be read to its end, as a reason code and one line naming where: the same
 * words for every reader, whatever its format.
 */
public final class ReadFailure {
  /** A format's own failures (its parser's), tried after those every stored file can have. */
  public interface FormatFailures {
    /**
     * @param after where reading stopped, e.g. {@code "after data row 12"}
     * @return the failure, or null when {@code failure} is not one of the format's
     */
    ReadFailure of(Exception failure, Throwable cause, String after);
  }

  private final String code;
  private final String message;

  public ReadFailure(String code, String message) {
    this.code = code;
    this.message = message;
  }

  public String code() {
    return code;
  }

  public String message() {
    return message;
  }

  /**
   * @param after where reading stopped, e.g. {@code "after data row 12"}
   */
  public static ReadFailure of(
      Exception failure, StoredFile file, Configuration conf, String after, FormatFailures format) {
    RefusedContent refused = Refusals.of(failure, file, conf);
    if (refused != null) {
      return new ReadFailure(refused.code(), refused.getMessage());
    }
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      if (cause instanceof EOFException || cause instanceof ZipException) {
        break;
      }
      cause = cause.getCause();
    }
    if (failure instanceof OpenedFile.ExtraArchiveEntry) {
      return new ReadFailure("EXTRA_ARCHIVE_ENTRY", failure.getMessage());
    }
    if (cause instanceof EOFException) {
      return new ReadFailure(
          "TRUNCATED_FILE", "the file ends abruptly " + after + " (" + cause.getMessage() + ")");
    }
    if (cause instanceof ZipException) {
      return new ReadFailure(
          "CORRUPT_FILE",
          "the compressed data is corrupt " + after + " (" + cause.getMessage() + ")");
    }
    ReadFailure own = format.of(failure, cause, after);
    if (own != null) {
      return own;
    }
    return new ReadFailure(
        "UNREADABLE_FILE", "cannot read the file " + after + ": " + firstLine(cause.getMessage()));
  }

  /** The first line of a parser's message, which may quote pages of the input. */
  public static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    String line = message.split("\\R", 2)[0];
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }
}
