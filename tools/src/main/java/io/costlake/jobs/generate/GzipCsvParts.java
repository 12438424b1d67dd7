package io.costlake.jobs.generate;

import io.costlake.report.Csv;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Writes CSV rows into gzip parts of at most {@code rowsPerPart} rows each, every part with the
 * header, named {@code <prefix>-00001.csv.gz} as AWS names CUR parts. Output is byte-for-byte
 * deterministic (gzip headers carry no timestamp).
 */
final class GzipCsvParts implements AutoCloseable {
  private final Path folder;
  private final String prefix;
  private final String[] header;
  private final long rowsPerPart;
  private final List<Path> parts = new ArrayList<>();
  private Writer writer;
  private long rowsInPart;
  private long rows;

  GzipCsvParts(Path folder, String prefix, String[] header, long rowsPerPart) {
    this.folder = folder;
    this.prefix = prefix;
    this.header = header.clone();
    this.rowsPerPart = rowsPerPart;
  }

  void write(String[] values) {
    try {
      if (writer == null || rowsInPart >= rowsPerPart) {
        nextPart();
      }
      writeLine(values);
      rowsInPart++;
      rows++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void nextPart() throws IOException {
    closePart();
    Files.createDirectories(folder);
    Path part =
        folder.resolve(String.format(Locale.ROOT, "%s-%05d.csv.gz", prefix, parts.size() + 1));
    writer =
        new BufferedWriter(
            new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(part), 1 << 16), StandardCharsets.UTF_8),
            1 << 16);
    parts.add(part);
    rowsInPart = 0;
    writeLine(header);
  }

  private void writeLine(String[] values) throws IOException {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        writer.write(',');
      }
      String value = values[i];
      if (value != null) {
        writer.write(Csv.quoted(value));
      }
    }
    writer.write('\n');
  }

  private void closePart() throws IOException {
    if (writer != null) {
      writer.close();
      writer = null;
    }
  }

  List<Path> parts() {
    return List.copyOf(parts);
  }

  long rows() {
    return rows;
  }

  @Override
  public void close() {
    try {
      if (writer == null && parts.isEmpty()) {
        nextPart();
      }
      closePart();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
