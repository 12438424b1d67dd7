package io.costlake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.model.Table;
import io.costlake.testing.TestSpark;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DecimalType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * {@code ./costlake serve} as a BI tool meets it: the server started by the launcher on the demo's
 * warehouse with a password from a file, and a client JVM with nothing on its classpath but the
 * Hive JDBC driver (tests/src/test/jdbc/JdbcQueries.java) that lists the tables, runs the README's
 * quick-start queries and is refused every write.
 */
@Execution(ExecutionMode.SAME_THREAD)
class ITServe {
  private static final String PASSWORD = "a-test-password";
  private static final Path DRIVER = Path.of("target", "jdbc-driver", "hive-jdbc-standalone.jar");

  private static Process server;
  private static Path serverLog;
  private static int port;
  private static String warehouse;

  @BeforeAll
  static void startServer() throws IOException {
    warehouse = DemoRun.get().warehouse;
    Path dir = Files.createDirectories(Path.of("target", "serve").toAbsolutePath());
    Path passwordFile = dir.resolve("password");
    Files.writeString(passwordFile, PASSWORD + "\n");
    serverLog = dir.resolve("server.log");
    port = Fixtures.freeLoopbackPort();
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of("..", "costlake").toAbsolutePath().normalize().toString(),
                "serve",
                "--conf",
                Path.of("..", "conf", "costlake.yaml").toAbsolutePath().normalize().toString(),
                "--warehouse",
                warehouse,
                "--port",
                Integer.toString(port))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(serverLog.toFile());
    builder.environment().put("COSTLAKE_SERVE_PASSWORD_FILE", passwordFile.toString());
    builder.environment().put("COSTLAKE_DRIVER_MEMORY", "1g");
    server = builder.start();
    Fixtures.awaitLoopbackPort(port, server, 300, "costlake serve", ITServe::serverOutput);
  }

  @AfterAll
  static void stopServer() throws InterruptedException {
    if (server != null) {
      server.destroy(); // SIGTERM, as Ctrl-C or a service manager stops it
      if (!server.waitFor(60, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  @Test
  void theReadmeQueriesGiveOverJdbcWhatSparkGives() throws Exception {
    List<String> queries = readmeQueries();
    assertTrue(queries.size() >= 8, "the README's quick start has its queries: " + queries);
    Client client = Client.run(PASSWORD, queries);
    assertEquals(0, client.exitCode, client.output);
    assertTrue(serverOutput().contains("jdbc:hive2://127.0.0.1:" + port + "/default"));

    TreeSet<String> expectedTables = new TreeSet<>();
    for (Table table : Table.values()) {
      if (Files.isDirectory(Path.of(java.net.URI.create(warehouse + "/" + table.tableName())))) {
        expectedTables.add(table.tableName());
      }
    }
    assertEquals(expectedTables, new TreeSet<>(client.tables()), "tables listed over JDBC");
    assertEquals(
        Table.COST_LINE_ITEMS.columns().length + "",
        client.value("columns\tcost_line_items"),
        "columns of cost_line_items through the driver's metadata call");

    for (int i = 0; i < queries.size(); i++) {
      String query = queries.get(i);
      assertTrue(client.output.contains("done\t" + i + "\n"), query + "\n" + client.output);
      Dataset<Row> expected = sparkOn(query);
      List<Row> rows = expected.collectAsList();
      List<String[]> served = client.rows(i);
      assertEquals(rows.size(), served.size(), "rows of " + query);
      assertTrue(!rows.isEmpty() || query.contains("tag_debt"), "the demo answers " + query);
      // Every money column's total, exactly.
      for (int c = 0; c < expected.schema().fields().length; c++) {
        if (expected.schema().fields()[c].dataType() instanceof DecimalType) {
          BigDecimal sparkTotal = BigDecimal.ZERO;
          BigDecimal jdbcTotal = BigDecimal.ZERO;
          for (int r = 0; r < rows.size(); r++) {
            if (!rows.get(r).isNullAt(c)) {
              sparkTotal = sparkTotal.add(rows.get(r).getDecimal(c));
            }
            String value = served.get(r)[c];
            if (!value.equals("NULL")) {
              jdbcTotal = jdbcTotal.add(new BigDecimal(value));
            }
          }
          assertEquals(
              0,
              sparkTotal.compareTo(jdbcTotal),
              expected.schema().fields()[c].name()
                  + " of "
                  + query
                  + ": "
                  + sparkTotal
                  + " vs "
                  + jdbcTotal);
        }
      }
    }
  }

  @Test
  void everyWriteIsRefusedAndNothingChanges() throws Exception {
    String table = warehouse + "/cost_line_items";
    long version = latestVersion(table);
    long rows = TestSpark.session().read().format("delta").load(table).count();
    List<String> writes =
        List.of(
            "DROP TABLE cost_line_items",
            "DELETE FROM cost_line_items WHERE BilledCost > 0",
            "UPDATE cost_line_items SET BilledCost = 0",
            "INSERT INTO ingest_runs SELECT * FROM ingest_runs",
            "CREATE TABLE copy USING delta AS SELECT * FROM cost_line_items",
            "OPTIMIZE cost_line_items",
            "VACUUM cost_line_items RETAIN 0 HOURS",
            "RESTORE TABLE cost_line_items TO VERSION AS OF 0",
            "WITH x AS (SELECT 1) INSERT INTO ingest_runs SELECT * FROM ingest_runs",
            "SET spark.sql.extensions=none");
    Client client = Client.run(PASSWORD, writes);
    assertEquals(0, client.exitCode, client.output);
    for (int i = 0; i < writes.size() - 1; i++) {
      String error = client.value("error\t" + i);
      assertTrue(
          error != null && error.contains("read-only"), writes.get(i) + ":\n" + client.output);
    }
    // A static setting cannot be changed by a session; the next statement is still refused.
    Client after = Client.run(PASSWORD, List.of("DROP TABLE cost_line_items"));
    assertTrue(String.valueOf(after.value("error\t0")).contains("read-only"), after.output);
    assertEquals(version, latestVersion(table), "no commit reached cost_line_items");
    assertEquals(rows, TestSpark.session().read().format("delta").load(table).count());
  }

  @Test
  void aWrongPasswordIsRefused() throws Exception {
    Client client = Client.run("not-the-password", List.of("SELECT 1"));
    assertNotEquals(0, client.exitCode, client.output);
    assertTrue(client.output.contains("Error validating the login"), client.output);
    assertTrue(!serverOutput().contains(PASSWORD), "the password is not in the server's log");
  }

  @Test
  void anotherAddressWithoutAuthenticationABusyPortOrNoThriftServerAreRefused() {
    Cli cli = Cli.run("serve", "--warehouse", warehouse, "--host", "0.0.0.0", "--port", "1");
    assertEquals(2, cli.exitCode, cli.toString());
    assertTrue(cli.oneLineError(), cli.toString());
    Cli busy = Cli.run("serve", "--warehouse", warehouse, "--port", Integer.toString(port)); // ours
    assertEquals(2, busy.exitCode, busy.toString());
    assertTrue(busy.err.contains("a free port on 127.0.0.1"), busy.toString());
    // This JVM, like a cluster whose Spark lacks it, has no Thrift server.
    Cli noServer =
        Cli.run(
            "serve",
            "--warehouse",
            warehouse,
            "--port",
            Integer.toString(Fixtures.freeLoopbackPort()));
    assertEquals(2, noServer.exitCode, noServer.toString());
    assertTrue(noServer.err.contains("spark-hive-thriftserver"), noServer.toString());
    assertTrue(noServer.oneLineError(), noServer.toString());
  }

  /** The statements of the README's quick start ({@code ./costlake sql "..."}), one line each. */
  static List<String> readmeQueries() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    int start = readme.indexOf("## Quick start");
    String quickStart = readme.substring(start, readme.indexOf("\n## ", start + 1));
    List<String> queries = new ArrayList<>();
    Matcher matcher = Pattern.compile("\\./costlake sql \"([^\"]+)\"").matcher(quickStart);
    while (matcher.find()) {
      queries.add(matcher.group(1).replaceAll("\\s+", " ").strip());
    }
    return queries;
  }

  /** The same statement in this JVM's Spark, on the demo's tables by path. */
  private static Dataset<Row> sparkOn(String query) {
    String sql = query;
    for (Table table : Table.values()) {
      sql =
          sql.replaceAll(
              "\\b" + table.tableName() + "\\b",
              "delta.`" + warehouse + "/" + table.tableName() + "`");
    }
    return TestSpark.session().sql(sql);
  }

  private static long latestVersion(String table) {
    return TestSpark.session()
        .sql("DESCRIBE HISTORY delta.`" + table + "`")
        .selectExpr("max(version)")
        .first()
        .getLong(0);
  }

  private static String serverOutput() {
    try {
      return Files.readString(serverLog, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** One run of the client JVM. */
  private static final class Client {
    final int exitCode;
    final String output;

    private Client(int exitCode, String output) {
      this.exitCode = exitCode;
      this.output = output;
    }

    static Client run(String password, List<String> statements) throws Exception {
      Path dir = Files.createDirectories(Path.of("target", "serve"));
      Path file = Files.createTempFile(dir, "statements", ".sql");
      Files.write(file, statements);
      Path log = Files.createTempFile(dir, "client", ".log");
      assertTrue(Files.isRegularFile(DRIVER), DRIVER + " (copied by the tests' pom)");
      ProcessBuilder builder =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  DRIVER.toString(),
                  Path.of("src", "test", "jdbc", "JdbcQueries.java").toString(),
                  "jdbc:hive2://127.0.0.1:" + port + "/default",
                  file.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().put("COSTLAKE_TEST_PASSWORD", password);
      // Nothing of this JVM's classpath reaches the client.
      builder.environment().remove("CLASSPATH");
      Process process = builder.start();
      if (!process.waitFor(300, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the JDBC client did not finish:\n" + Files.readString(log));
      }
      return new Client(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    List<String> tables() {
      List<String> tables = new ArrayList<>();
      for (String line : output.split("\n")) {
        if (line.startsWith("table\t")) {
          tables.add(line.substring("table\t".length()));
        }
      }
      return tables;
    }

    /** The rest of the first line starting with {@code prefix} and a tab, or null. */
    String value(String prefix) {
      for (String line : output.split("\n")) {
        if (line.startsWith(prefix + "\t")) {
          return line.substring(prefix.length() + 1);
        }
      }
      return null;
    }

    List<String[]> rows(int statement) {
      Map<Integer, String[]> rows = new LinkedHashMap<>();
      String prefix = "row\t" + statement + "\t";
      for (String line : output.split("\n")) {
        if (line.startsWith(prefix)) {
          rows.put(rows.size(), line.substring(prefix.length()).split("\t", -1));
        }
      }
      return new ArrayList<>(rows.values());
    }
  }
}
