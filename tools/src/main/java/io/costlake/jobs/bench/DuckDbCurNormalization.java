package io.costlake.jobs.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The single-node baseline: DuckDB (in this JVM, through JDBC) running the FOCUS mapping of AWS CUR
 * in SQL ({@code duckdb-cur-to-focus.sql}) over the same files, with the same cores and memory as
 * Spark's local mode.
 */
public final class DuckDbCurNormalization {
  private static final String SQL = "/io/costlake/bench/duckdb-cur-to-focus.sql";

  private DuckDbCurNormalization() {}

  /** Normalizes {@code files} into Parquet under {@code out}; returns the rows written. */
  public static long run(List<Path> files, Path out, int threads, long memoryBytes) {
    String statement =
        template()
            .replace(
                "${files}",
                files.stream().map(f -> quote(f)).collect(Collectors.joining(", ", "[", "]")))
            .replace("${out}", quote(out));
    try {
      Files.createDirectories(out.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement sql = connection.createStatement()) {
      sql.execute("SET threads = " + threads);
      sql.execute("SET memory_limit = '" + Math.max(1, memoryBytes >> 20) + "MB'");
      sql.execute("SET preserve_insertion_order = false");
      sql.execute("SET temp_directory = " + quote(out.resolveSibling(out.getFileName() + ".tmp")));
      sql.execute(statement);
      return Math.max(0, sql.getUpdateCount());
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB baseline failed: " + e.getMessage(), e);
    }
  }

  private static String quote(Path path) {
    return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
  }

  private static String template() {
    try (InputStream in = DuckDbCurNormalization.class.getResourceAsStream(SQL)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + SQL);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
