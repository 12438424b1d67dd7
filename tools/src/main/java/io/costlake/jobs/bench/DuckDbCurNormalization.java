package io.costlake.jobs.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
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

  /** The columns the baseline writes: FOCUS columns and costlake's x_ columns, one of each. */
  public static final List<String> COLUMNS =
      List.of(
          "x_Provider",
          "ProviderName",
          "ServiceProviderName",
          "InvoiceIssuerName",
          "InvoiceId",
          "BillingAccountType",
          "SubAccountId",
          "SubAccountType",
          "BillingPeriodStart",
          "BillingPeriodEnd",
          "ChargePeriodStart",
          "ChargePeriodEnd",
          "BillingCurrency",
          "PricingCurrency",
          "x_ChargeType",
          "ChargeCategory",
          "ChargeClass",
          "ChargeFrequency",
          "ChargeDescription",
          "BilledCost",
          "EffectiveCost",
          "ListCost",
          "ListUnitPrice",
          "ContractedCost",
          "ContractedUnitPrice",
          "x_GrossCost",
          "PricingCategory",
          "PricingQuantity",
          "PricingUnit",
          "ConsumedQuantity",
          "ConsumedUnit",
          "CommitmentDiscountId",
          "CommitmentDiscountType",
          "CommitmentDiscountCategory",
          "CommitmentDiscountStatus",
          "ServiceName",
          "ServiceCategory",
          "x_ServiceCode",
          "x_UsageType",
          "x_Operation",
          "RegionId",
          "RegionName",
          "AvailabilityZone",
          "ResourceId",
          "SkuId",
          "SkuPriceId",
          "Tags",
          "x_CostCategories",
          "x_RecordHash",
          "x_SourceFile",
          "BillingAccountId",
          "x_BillingPeriod");

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

  /**
   * Reads the baseline's output back and fails unless it is what the SQL means: one row per row of
   * the input files, and exactly the columns of {@link #COLUMNS} (one record hash, no raw CUR
   * column). A baseline that does more or less work than it claims measures nothing.
   *
   * @return the rows checked
   */
  public static long verify(List<Path> files, Path out) {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement sql = connection.createStatement()) {
      String output =
          "read_parquet("
              + quote(out.resolve("**").resolve("*.parquet"))
              + ", hive_partitioning = true)";
      List<String> columns = new java.util.ArrayList<>();
      try (ResultSet described = sql.executeQuery("DESCRIBE SELECT * FROM " + output)) {
        while (described.next()) {
          columns.add(described.getString(1));
        }
      }
      if (!new java.util.TreeSet<>(columns).equals(new java.util.TreeSet<>(COLUMNS))
          || columns.size() != COLUMNS.size()) {
        throw new IllegalStateException(
            "DuckDB baseline wrote the columns " + columns + ", not " + COLUMNS);
      }
      long read = count(sql, "SELECT count(*) FROM " + output);
      long input =
          count(
              sql,
              "SELECT count(*) FROM read_csv("
                  + files.stream().map(f -> quote(f)).collect(Collectors.joining(", ", "[", "]"))
                  + ", header = true, all_varchar = true, compression = 'gzip', union_by_name = true)");
      if (read != input) {
        throw new IllegalStateException(
            "DuckDB baseline wrote " + read + " rows of " + input + " input rows");
      }
      return read;
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot read the DuckDB baseline's output: " + e.getMessage(), e);
    }
  }

  private static long count(Statement sql, String query) throws SQLException {
    try (ResultSet result = sql.executeQuery(query)) {
      result.next();
      return result.getLong(1);
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
