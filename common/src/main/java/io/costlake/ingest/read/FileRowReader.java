package io.costlake.ingest.read;

import io.costlake.io.OpenedFile;
import io.costlake.io.StoredFile;
import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;

/**
 * One export file read lazily into raw rows, on an executor: each data row, then one {@code FILE}
 * record. What every format shares is here: the file is opened once and read to its end (so its
 * checksum covers every byte, and a file whose header breaks its contract is still counted), any
 * failure becomes the file's error instead of an exception, and closing never throws.
 */
public abstract class FileRowReader implements Iterator<Row>, AutoCloseable {
  protected final StoredFile file;
  protected final Configuration conf;
  protected OpenedFile opened;

  /** Records read so far, mapped or not. */
  protected long rows;

  protected String errorCode;
  protected String errorMessage;
  private Row next;
  private boolean done;

  protected FileRowReader(StoredFile file, Configuration conf) {
    this.file = file;
    this.conf = conf;
  }

  /** Starts the format's reading of {@link #opened}; sets {@link #errorCode} if nothing can be. */
  protected abstract void start() throws IOException;

  /** The next data row, {@link #rows} counting every record read, or null after the last. */
  protected abstract Row nextRow() throws IOException;

  /** Called once every record is read, before the rest of the file is drained. */
  protected void finish() {}

  /** Where in the file a failure happened, for its message ({@code after data row 12}). */
  protected abstract String position();

  /** The format's own words for a failure, where it has them. */
  protected abstract ReadFailure.FormatFailures formatFailures();

  /** The file's {@code FILE} record; the reader is closed before it is built. */
  protected abstract Row fileRecord();

  /** Stops the format's reader. */
  protected abstract void closeFormat() throws IOException;

  @Override
  public final boolean hasNext() {
    if (next == null && !done) {
      next = advance();
    }
    return next != null;
  }

  @Override
  public final Row next() {
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
        opened = OpenedFile.open(file.uri(), conf);
        start();
      }
      if (errorCode == null) {
        Row row = nextRow();
        if (row != null) {
          return row;
        }
        finish();
        opened.drain();
      }
    } catch (IOException | RuntimeException e) {
      ReadFailure failure = ReadFailure.of(e, file, conf, position(), formatFailures());
      errorCode = failure.code();
      errorMessage = failure.message();
    }
    done = true;
    return fileRecord();
  }

  protected final void closeQuietly() {
    try {
      closeFormat();
      if (opened != null) {
        opened.close();
      }
    } catch (IOException | RuntimeException e) {
      // the file was read as far as it could be; closing cannot lose data
    }
  }

  @Override
  public final void close() {
    closeQuietly();
  }
}
