package io.costlake.io;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * An export file opened for reading: decompressed by its name ({@code .gz}, {@code .zip}), while
 * the SHA-256 and size of the stored bytes are computed on the way, so a file is read only once.
 */
public final class OpenedFile implements AutoCloseable {
  private final MessageDigest digest;
  private final CountingInputStream stored;
  private final InputStream content;
  private final ZipInputStream zip;
  private final String zipEntry;

  private OpenedFile(
      MessageDigest digest,
      CountingInputStream stored,
      InputStream content,
      ZipInputStream zip,
      String zipEntry) {
    this.digest = digest;
    this.stored = stored;
    this.content = content;
    this.zip = zip;
    this.zipEntry = zipEntry;
  }

  public static OpenedFile open(String uri, Configuration conf) throws IOException {
    Path path = new Path(uri);
    InputStream raw = path.getFileSystem(conf).open(path, 1 << 20);
    MessageDigest digest = sha256();
    CountingInputStream counted =
        new CountingInputStream(
            new DigestInputStream(new BufferedInputStream(raw, 1 << 20), digest));
    String name = path.getName().toLowerCase(Locale.ROOT);
    if (name.endsWith(".gz") || name.endsWith(".gzip")) {
      return new OpenedFile(digest, counted, new GZIPInputStream(counted, 1 << 16), null, null);
    }
    if (name.endsWith(".zip")) {
      ZipInputStream zip = new ZipInputStream(counted);
      ZipEntry first = nextFile(zip);
      if (first == null) {
        throw new IOException("the zip archive holds no file");
      }
      return new OpenedFile(digest, counted, zip, zip, first.getName());
    }
    return new OpenedFile(digest, counted, counted, null, null);
  }

  private static ZipEntry nextFile(ZipInputStream zip) throws IOException {
    ZipEntry entry = zip.getNextEntry();
    while (entry != null && entry.isDirectory()) {
      entry = zip.getNextEntry();
    }
    return entry;
  }

  /**
   * The decompressed content. Closing it does not close the file: parsers close what they read at
   * its end, and {@link #drain()} still needs the stored bytes after that.
   */
  public InputStream content() {
    return new FilterInputStream(content) {
      @Override
      public void close() {
        // the file is closed by OpenedFile.close()
      }
    };
  }

  /**
   * Reads what is left of the stored bytes, so the checksum covers the whole file even when the
   * reader stopped early (a trailing gzip member, zip directory).
   *
   * @throws ExtraArchiveEntry when a zip archive holds a second file: it would not be read, and its
   *     rows would be in no count
   */
  public void drain() throws IOException {
    if (zip != null) {
      ZipEntry another = nextFile(zip);
      if (another != null) {
        throw new ExtraArchiveEntry(zipEntry, another.getName());
      }
    }
    byte[] buffer = new byte[1 << 16];
    while (stored.read(buffer) >= 0) {
      // only the digest and the byte count need these bytes
    }
  }

  /** SHA-256 of the stored bytes read so far, in hex. Call after {@link #drain()}. */
  public String sha256Hex() {
    StringBuilder hex = new StringBuilder();
    for (byte b : digest.digest()) {
      hex.append(String.format(Locale.ROOT, "%02x", b));
    }
    return hex.toString();
  }

  public long storedBytesRead() {
    return stored.count();
  }

  @Override
  public void close() throws IOException {
    content.close();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Counts the bytes that pass through. */
  static final class CountingInputStream extends FilterInputStream {
    private long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += skipped;
      return skipped;
    }

    long count() {
      return count;
    }
  }

  /** A zip archive with more than one file in it: one export file per archive is read. */
  public static final class ExtraArchiveEntry extends IOException {
    private static final long serialVersionUID = 1L;

    ExtraArchiveEntry(String read, String notRead) {
      super(
          "the zip archive holds more than one file: '"
              + read
              + "' and '"
              + notRead
              + "'; put one export file in each archive");
    }
  }
}
