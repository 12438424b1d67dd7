package io.costlake.it;

import io.costlake.jobs.generate.AwsCurGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Test inputs: the bundled public samples and generated CURs, written into temp folders. */
final class Fixtures {
  static final List<String> AWS_SAMPLES =
      List.of(
          "koku_test_cur.csv",
          "koku_2023-06-01_savingsplan.csv",
          "koku_2022-07-01-alt-columns.csv");

  private Fixtures() {}

  /** Copies the bundled AWS samples (as they are) into {@code folder}. */
  static Path awsSamples(Path folder) {
    try {
      Files.createDirectories(folder);
      for (String name : AWS_SAMPLES) {
        try (InputStream in =
            Fixtures.class.getResourceAsStream("/io/costlake/samples/aws/" + name)) {
          Files.copy(in, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A generated CUR: {@code months} periods from 2025-01, about {@code rows} line items. */
  static AwsCurGenerator.Result generated(
      Path folder, long rows, int months, boolean olderAssembly) {
    return new AwsCurGenerator(
            new AwsCurGenerator.Options(
                rows, 7, YearMonth.of(2025, 1), months, 3, 250_000, olderAssembly))
        .generate(folder);
  }

  /** Deletes a folder and everything under it; nothing when it does not exist. */
  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toArray(Path[]::new)) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A TCP port free on loopback now, for a server a test starts. */
  static int freeLoopbackPort() {
    try (java.net.ServerSocket socket =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits until something listens on a loopback port: a server a test started as {@code process}.
   * Fails at once, with its output, when the process exits first.
   */
  static void awaitLoopbackPort(
      int port,
      Process process,
      int seconds,
      String what,
      java.util.function.Supplier<String> log) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(what + " exited:\n" + log.get());
      }
      try (java.net.Socket socket =
          new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
    throw new IllegalStateException(what + " did not listen on " + port + " in " + seconds + " s");
  }

  static String uri(Path path) {
    return "file:" + path.toAbsolutePath();
  }

  /** {@code cp -r from to}: every file of {@code from} at the same place under {@code to}. */
  static void copyTree(Path from, Path to) throws IOException {
    for (Path file : files(from, "")) {
      Path target = to.resolve(from.relativize(file).toString());
      if (Files.isDirectory(file)) {
        Files.createDirectories(target);
      } else {
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
    }
  }

  static List<Path> files(Path folder, String suffix) {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(p -> p.toString().endsWith(suffix)).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lines of a gzip text file. */
  static List<String> gunzipLines(Path file) throws IOException {
    try (java.io.BufferedReader in =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(
                new java.util.zip.GZIPInputStream(Files.newInputStream(file)),
                java.nio.charset.StandardCharsets.UTF_8))) {
      return in.lines().collect(java.util.stream.Collectors.toList());
    }
  }

  /** Writes {@code lines} as a gzip text file, each ended by a newline. */
  static void gzipLines(Path file, List<String> lines) throws IOException {
    try (java.io.Writer out =
        new java.io.OutputStreamWriter(
            new java.util.zip.GZIPOutputStream(Files.newOutputStream(file)),
            java.nio.charset.StandardCharsets.UTF_8)) {
      for (String line : lines) {
        out.write(line);
        out.write('\n');
      }
    }
  }
}
