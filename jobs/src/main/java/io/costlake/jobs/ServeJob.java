package io.costlake.jobs;

import io.costlake.config.CostlakeConfig;
import io.costlake.errors.CostlakeErrors;
import io.costlake.jobs.cli.JobSpec;
import io.costlake.jobs.cli.OptionSpec;
import io.costlake.jobs.cli.ParsedArgs;
import io.costlake.model.Table;
import io.costlake.spark.SparkSessions;
import io.costlake.spark.SparkSettings;
import io.costlake.spark.Warehouse;
import io.costlake.tasks.JobContext;
import io.costlake.tasks.Outcome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * {@code costlake serve}: Spark's Thrift JDBC/ODBC server (the HiveServer2 protocol BI tools speak)
 * over the warehouse, every costlake table registered by name, writes refused ({@link
 * ReadOnlySql}). It runs until stopped.
 */
public final class ServeJob implements Job {
  static final String DEFAULT_HOST = "127.0.0.1";
  static final int DEFAULT_PORT = 10000;
  private static final String EXTENSIONS = "spark.sql.extensions";
  private static final String THRIFT_SERVER =
      "org.apache.spark.sql.hive.thriftserver.HiveThriftServer2";

  private static final JobSpec SPEC =
      new JobSpec(
          "serve",
          "Serve the tables to BI tools and SQL clients over JDBC/ODBC (HiveServer2), read-only",
          "Spark's Thrift server, with every costlake table of the warehouse registered by name in\n"
              + "the database 'default'. Connect with jdbc:hive2://HOST:PORT/default (the Hive JDBC\n"
              + "driver, or the Spark ODBC driver). Statements that change tables (INSERT, DELETE,\n"
              + "DROP, CREATE, ...) are refused. Listens on 127.0.0.1 unless --host; another\n"
              + "address needs authentication: "
              + ServePassword.ENV
              + " or "
              + ServePassword.FILE_ENV
              + " (one\n"
              + "password, any user name), or Hive's own LDAP or Kerberos (hive.server2.* in a\n"
              + "hive-site.xml on the classpath, or as -D options in COSTLAKE_JAVA_OPTS). Tables\n"
              + "created after the start need a restart. Runs until stopped (Ctrl-C, SIGTERM).",
          List.of(
              OptionSpec.value("--host", "ADDRESS", "The address to listen on")
                  .withDefault(DEFAULT_HOST),
              OptionSpec.value("--port", "PORT", "The port to listen on")
                  .withDefault(Integer.toString(DEFAULT_PORT))),
          null,
          null);

  @Override
  public JobSpec spec() {
    return SPEC;
  }

  @Override
  public Outcome run(JobContext context, ParsedArgs args) {
    String host = args.value("--host").orElse(DEFAULT_HOST);
    int port = port(args.value("--port").orElse(Integer.toString(DEFAULT_PORT)));
    ServePassword password = ServePassword.fromEnvironment();
    CostlakeConfig config = context.config();
    String authentication = password.given() ? "CUSTOM" : hiveAuthentication(config);
    if (authentication.equals("NONE") && !loopback(host)) {
      throw CostlakeErrors.invalidArgument(
          "--host " + host,
          "it opens the tables to the network without authentication; set "
              + ServePassword.ENV
              + " or "
              + ServePassword.FILE_ENV
              + ", or configure Hive's LDAP or Kerberos (hive.server2.authentication in"
              + " hive-site.xml)");
    }
    refuseBusyPort(host, port);
    if (!SparkSessions.onClasspath(THRIFT_SERVER)) {
      throw CostlakeErrors.invalidArgument(
          "classpath for serve",
          "Spark's Thrift server (spark-hive-thriftserver) is not on it; the ./costlake launcher"
              + " has it, EMR's Spark ships it, elsewhere add it (spark-submit --packages"
              + " org.apache.spark:spark-hive-thriftserver_2.12:<Spark's version>)");
    }
    JobContext serving =
        context.withConfig(
            config.withSpark(
                config.spark().withSetting(EXTENSIONS, readOnlyLast(config.spark().settings()))));
    SparkSession spark = serving.spark();
    Warehouse warehouse = serving.warehouse();
    List<Table> present = new ArrayList<>();
    for (Table table : Table.values()) {
      if (warehouse.exists(table)) {
        present.add(table);
      }
    }
    if (present.isEmpty()) {
      throw CostlakeErrors.nothingToRegister(
          "the warehouse " + warehouse.root() + " holds no costlake table (run costlake ingest)");
    }
    // The schemas go into the catalog entries too: BI tools list columns through the JDBC
    // metadata calls, which read the catalog, not the Delta log.
    spark.conf().set("spark.databricks.delta.catalog.update.enabled", "true");
    warehouse.catalog().register(present);
    ReadOnlySql.enforce(spark);

    spark.conf().set("hive.server2.thrift.bind.host", host);
    spark.conf().set("hive.server2.thrift.port", Integer.toString(port));
    spark.conf().set("hive.server2.transport.mode", "binary");
    if (password.given()) {
      spark.conf().set("hive.server2.authentication", "CUSTOM");
      // HiveServer2 reads the class from a HiveConf of its own (system properties and
      // hive-site.xml), not from the server's.
      System.setProperty(
          "hive.server2.custom.authentication.class", ServePasswordCheck.class.getName());
    }
    org.apache.spark.sql.hive.thriftserver.HiveThriftServer2.startWithContext(spark.sqlContext());
    awaitListening(host, port);
    serving
        .out()
        .printf(
            "serve: %d tables of %s, read-only: %s%n",
            present.size(),
            warehouse.root(),
            present.stream().map(Table::tableName).collect(Collectors.joining(", ")));
    serving
        .out()
        .printf(
            "serve: listening on jdbc:hive2://%s:%d/default (authentication: %s); Ctrl-C stops"
                + " it%n",
            host.contains(":") ? "[" + host + "]" : host,
            port,
            password.given() ? "password" : authentication.toLowerCase(Locale.ROOT));
    serving.out().flush();
    try {
      Thread.currentThread().join(); // until the JVM is stopped; Spark's hook stops the server
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }

  /**
   * The extensions of the config (else spark-submit's) with Delta's and then costlake's read-only
   * parser last: the last extension's parser wraps the others', so it sees Delta's statements
   * (RESTORE, VACUUM, OPTIMIZE) too.
   */
  static String readOnlyLast(java.util.Map<String, String> yamlSettings) {
    String given =
        yamlSettings.getOrDefault(EXTENSIONS, new SparkConf().get(EXTENSIONS, "")).trim();
    List<String> extensions = new ArrayList<>();
    for (String extension : given.split("\\s*,\\s*")) {
      if (!extension.isEmpty()
          && !extension.equals(ReadOnlySql.class.getName())
          && !extension.equals(SparkSettings.DELTA_EXTENSION)) {
        extensions.add(extension);
      }
    }
    extensions.add(SparkSettings.DELTA_EXTENSION);
    extensions.add(ReadOnlySql.class.getName());
    return String.join(",", extensions);
  }

  /**
   * HiveServer2's own authentication, wherever Hive reads it from: a system property, the config or
   * spark-submit ({@code spark.hadoop.}), a hive-site.xml on the classpath; NONE by default.
   */
  private static String hiveAuthentication(CostlakeConfig config) {
    String key = "hive.server2.authentication";
    String given = System.getProperty(key, config.spark().settings().get("spark.hadoop." + key));
    if (given == null) {
      org.apache.hadoop.conf.Configuration submitted = SparkSessions.submittedHadoopConf();
      submitted.addResource("hive-site.xml");
      given = submitted.get(key, "NONE");
    }
    return given.trim().toUpperCase(Locale.ROOT);
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // named below
    }
    throw CostlakeErrors.invalidOptionValue("serve", "--port", value, "a port from 1 to 65535");
  }

  private static boolean loopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (IOException e) {
      throw CostlakeErrors.invalidOptionValue(
          "serve", "--host", host, "an address of this machine (" + e.getMessage() + ")");
    }
  }

  /** Before Spark starts: the Thrift server only logs a port it cannot bind. */
  private static void refuseBusyPort(String host, int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(InetAddress.getByName(host), port));
    } catch (IOException e) {
      throw CostlakeErrors.invalidOptionValue(
          "serve",
          "--port",
          Integer.toString(port),
          "a free port on " + host + " (" + e.getMessage() + ")");
    }
  }

  /** The server binds in a thread of its own: the address is printed once it answers. */
  private static void awaitListening(String host, int port) {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), 1000);
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw CostlakeErrors.cannotWrite(
              "the JDBC endpoint on " + host + ":" + port,
              "the Thrift server did not start listening in 60 s (" + e.getMessage() + ")");
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
