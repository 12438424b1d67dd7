package io.costlake.jobs.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What an analyst waits for one {@code ./costlake sql} statement: a new process through the
 * launcher, JVM start included, as they run it. Only measurable when the bench itself was started
 * by the launcher, which says where it is in {@code COSTLAKE_HOME}.
 */
public final class SqlWall {
  private SqlWall() {}

  /** The launcher this JVM was started by, if any. */
  public static Optional<Path> launcher() {
    return Optional.ofNullable(System.getenv("COSTLAKE_HOME"))
        .map(home -> Path.of(home, "costlake"))
        .filter(Files::isExecutable);
  }

  /**
   * Runs {@code sql} on {@code warehouse} in a new process and returns its wall seconds; fails
   * unless it exits 0 and prints {@code expected}, so a statement that errored is never a figure.
   */
  public static double seconds(Path launcher, Path warehouse, String sql, String expected) {
    try {
      Path output = Files.createTempFile("costlake-bench-sql", ".txt");
      try {
        ProcessBuilder process =
            new ProcessBuilder(
                    List.of(
                        launcher.toString(),
                        "sql",
                        "--warehouse",
                        warehouse.toString(),
                        "--format",
                        "csv",
                        sql))
                .directory(output.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        long started = System.nanoTime();
        int exit = process.start().waitFor();
        double seconds = (System.nanoTime() - started) / 1e9;
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        if (exit != 0 || !printed.contains(expected)) {
          throw new IllegalStateException(
              "costlake sql \""
                  + sql
                  + "\" exited "
                  + exit
                  + " without printing '"
                  + expected.replace("\n", "\\n")
                  + "'; it printed:\n"
                  + printed);
        }
        return seconds;
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
