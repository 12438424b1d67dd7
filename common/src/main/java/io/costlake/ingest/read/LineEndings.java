package io.costlake.ingest.read;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * A reader that turns CRLF and lone CR into LF. Exports edited on another system mix line endings
 * within one file; the CSV parser detects one separator from the first line and would glue every
 * line that ends otherwise onto the next (or keep a stray CR in its last cell).
 */
final class LineEndings extends FilterReader {
  private boolean afterCr;

  LineEndings(Reader in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    char[] one = new char[1];
    int n = read(one, 0, 1);
    return n <= 0 ? -1 : one[0];
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    while (true) {
      int n = in.read(buffer, offset, length);
      if (n <= 0) {
        return n;
      }
      int out = offset;
      for (int i = offset; i < offset + n; i++) {
        char c = buffer[i];
        if (c == '\n' && afterCr) {
          afterCr = false; // the LF of a CRLF: the CR already became the line's end
          continue;
        }
        afterCr = c == '\r';
        buffer[out++] = afterCr ? '\n' : c;
      }
      if (out > offset) {
        return out - offset;
      }
      // The chunk was only the LF of a CRLF split across reads: read on rather than return 0.
    }
  }

  @Override
  public long skip(long n) throws IOException {
    throw new IOException("skip is not supported");
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
