package io.costlake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.costlake.testing.TestSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hive.conf.HiveConf;
import org.apache.hadoop.hive.metastore.HiveMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The deploy rehearsal: what conf/cluster/ and the Airflow DAG ship, run as they ship, against a
 * Spark standalone cluster and an empty S3 server on loopback, with the README's own upload
 * commands and nothing else of the checkout reachable to the jobs. The README's "The deploy
 * rehearsal" paragraph says what each step proves.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(1) // the longest class of the suite (mostly other JVMs' time): it starts first
class ITDeployRehearsal {
  private static final String BUCKET = "my-bucket";
  private static final String EXPORTS = "my-billing-exports";
  private static final Path DIR = Path.of("target", "deploy").toAbsolutePath();
  private static final Path CHECKOUT = Paths.get("..").toAbsolutePath().normalize();

  private static S3Server s3;
  private static MetastoreServer metastore;
  private static SparkCluster cluster;
  private static List<String> clusterLines;

  @BeforeAll
  static void deploy() throws Exception {
    Fixtures.deleteRecursively(DIR);
    Files.createDirectories(DIR);
    s3 = S3Server.get();
    s3.bucket(BUCKET);
    s3.bucket(EXPORTS);
    s3.credentialsForThisJvm();
    Configuration hadoop = new Configuration();
    for (String line : objectStore()) {
      String[] kv = line.split("\\s+", 2);
      hadoop.set(kv[0].substring("spark.hadoop.".length()), kv[1]);
    }

    // The exports, in each provider's delivery layout, in the bucket the specs read.
    Path exports = DIR.resolve("exports");
    for (String provider : List.of("aws", "gcp", "azure")) {
      ok(
          Cli.raw(
              "generate",
              "--provider",
              provider,
              "--out",
              exports.resolve(provider).toString(),
              "--rows",
              provider.equals("aws") ? "1200" : "500",
              "--period",
              "2025-10",
              "--months",
              "2"));
    }
    upload(hadoop, exports.resolve("aws"), "s3a://" + EXPORTS + "/cur");
    upload(hadoop, exports.resolve("gcp"), "s3a://" + EXPORTS + "/gcp");
    upload(hadoop, exports.resolve("azure"), "s3a://" + EXPORTS + "/azure");

    // The README's deploy commands: the starter config copied, then jar and config uploaded.
    List<String> commands = ReadmeDeploy.commands(CHECKOUT.resolve("README.md"));
    ReadmeDeploy readme = new ReadmeDeploy(CHECKOUT, DIR.resolve("user"), hadoop);
    List<String> ran = readme.run(commands, "cp -r ", "aws s3 ", "gcloud storage ");
    // The local copy, then jar and config folder for each cloud.
    assertEquals(5, ran.size(), "the README's copy and upload commands: " + ran);
    FileSystem fs = new org.apache.hadoop.fs.Path("s3a://" + BUCKET + "/").getFileSystem(hadoop);
    assertTrue(
        fs.exists(
            new org.apache.hadoop.fs.Path("s3a://" + BUCKET + "/costlake/conf/allocation.yaml")),
        "the whole config folder is uploaded");

    metastore = MetastoreServer.start(DIR.resolve("metastore"));
    clusterLines = new ArrayList<>(objectStore());
    clusterLines.add("spark.hadoop.hive.metastore.uris " + metastore.uri);
    clusterLines.addAll(
        List.of(
            // What the test cluster is: small, on loopback, quick to start.
            "spark.standalone.submit.waitAppCompletion true",
            "spark.driver.memory 1g",
            "spark.executor.memory 1g",
            "spark.ui.enabled false",
            "spark.cores.max 2",
            // A standalone worker launches a cluster-mode driver without Java 17's module
            // options (YARN and Kubernetes add them): the cluster gives them, as an admin would.
            "spark.driver.extraJavaOptions -XX:TieredStopAtLevel=1 -XX:+UseSerialGC "
                + String.join(" ", ChildJvm.OPENS),
            "spark.executor.extraJavaOptions -XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
            "spark.databricks.delta.snapshotPartitions 2",
            "spark.sql.warehouse.dir " + DIR.resolve("metastore").resolve("warehouse").toUri()));
    List<String> defaults = new ArrayList<>(DeploySpecs.sparkDefaultsLines("emr-7"));
    defaults.addAll(clusterLines);
    cluster = new SparkCluster(DIR.resolve("cluster"), s3.credentialsForChain(), defaults, 6);
  }

  @AfterAll
  static void tearDown() {
    if (cluster != null) {
      cluster.close();
    }
    if (metastore != null) {
      metastore.close();
    }
  }

  @Test
  @Order(1)
  void theEmrStepsRunEndToEndAsShipped() throws Exception {
    int step = 0;
    for (Map.Entry<String, List<String>> entry : DeploySpecs.emrSteps().entrySet()) {
      String name = "emr-" + (++step);
      int code = cluster.run(name, entry.getValue());
      assertEquals(0, code, entry.getKey() + "\n" + cluster.log(name) + cluster.driverOutput());
    }
    String printed = cluster.driverStdout();
    for (String provider : List.of("aws", "gcp", "azure")) {
      assertTrue(printed.contains("ingest " + provider + ": run"), printed);
    }
    assertTrue(printed.contains("slices   1 written, 0 unchanged, 0 failed"), printed);
    assertTrue(printed.contains("pipeline: 2025-10 up to date"), printed);
    assertTrue(printed.contains("usage_daily (version 1)"), printed);
    assertTrue(printed.contains("costlake.cost_line_items          created"), printed);
    assertFalse(printed.contains("the session has no metastore"), printed);
  }

  @Test
  @Order(2)
  void theTablesOnS3AccountForEveryRowAndCent() throws Exception {
    Configuration session = TestSpark.session().sparkContext().hadoopConfiguration();
    for (String line : objectStore()) {
      String[] kv = line.split("\\s+", 2);
      session.set(kv[0].substring("spark.hadoop.".length()), kv[1]);
    }
    String warehouse = "s3://" + BUCKET + "/costlake/warehouse";
    List<Cli> runs = new ArrayList<>();
    try (LogCapture log = new LogCapture("org.apache.hadoop.fs.s3a", "com.amazonaws")) {
      // Nothing lost: every row read is in the table or accounted for, per provider.
      Cli balance =
          ok(
              Cli.sqlCsv(
                  warehouse,
                  "SELECT provider, SUM(rows_in) > 0, SUM(rows_in) = SUM(rows_written"
                      + " + rows_quarantined + rows_out_of_scope + rows_superseded)"
                      + " FROM ingest_runs WHERE status = 'WRITTEN' GROUP BY ALL ORDER BY ALL"));
      assertEquals(
          "provider,(sum(rows_in) > 0),(sum(rows_in) = sum((((rows_written + rows_quarantined)"
              + " + rows_out_of_scope) + rows_superseded)))\n"
              + "aws,true,true\nazure,true,true\ngcp,true,true\n",
          balance.out,
          balance.toString());
      // The rollup keeps allocate's input to the cent; the audit names the files on S3.
      Cli conserved =
          ok(
              Cli.sqlCsv(
                  warehouse,
                  "SELECT (SELECT SUM(EffectiveCost) FROM usage_monthly)"
                      + " = (SELECT SUM(EffectiveCost) FROM cost_amortized),"
                      + " (SELECT COUNT(*) FROM pipeline_health)"));
      assertEquals(
          "(scalarsubquery() = scalarsubquery()),scalarsubquery()\ntrue,3\n",
          conserved.out,
          conserved.toString());
      Cli audit = ok(Cli.sqlCsv(warehouse, "SELECT to_json(struct(*)) FROM ingest_runs"));
      assertTrue(audit.out.contains("s3://" + EXPORTS + "/cur/"), "ingest_runs names S3 files");
      // A key pair written into the address is refused, and the refusal does not repeat it.
      Cli login =
          Cli.run(
              "ingest",
              "--provider",
              "aws",
              "--source",
              "s3a://" + s3.accessKey + ":" + s3.secretKey + "@" + EXPORTS + "/cur",
              "--warehouse",
              warehouse);
      assertEquals(2, login.exitCode, login.toString());
      assertTrue(login.oneLineError(), login.err);
      assertTrue(login.err.contains("s3a://***@" + EXPORTS + "/cur"), login.err);
      runs.addAll(List.of(balance, conserved, audit, login));

      String logged = log.text();
      assertTrue(logged.contains("INFO org.apache.hadoop.fs.s3a"), "S3A logged at INFO");
      for (String secret : List.of(s3.secretKey, s3.accessKey)) {
        assertFalse(logged.contains(secret), "a credential in the log");
        for (Cli run : runs) {
          assertFalse(run.out.contains(secret) || run.err.contains(secret), run.toString());
        }
      }
    }
    // The tables are really in the bucket, as Delta tables with their logs.
    assertTrue(
        Files.isDirectory(
            s3.root.resolve(BUCKET).resolve("costlake/warehouse/cost_line_items/_delta_log")));
  }

  @Test
  @Order(3)
  void everySettingOfTheShippedSparkDefaultsReachesTheJob() throws Exception {
    Map<String, String> set = new LinkedHashMap<>();
    String out = clientRun("settings", "sql", "--format", "csv", "SET");
    for (String line : out.split("\n")) {
      int comma = line.indexOf(',');
      if (comma > 0) {
        String value = line.substring(comma + 1);
        // CSV: a value holding a comma is quoted.
        if (value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1).replace("\"\"", "\"");
        }
        set.put(line.substring(0, comma), value);
      }
    }
    Map<String, String> shipped = DeploySpecs.sparkDefaults("emr-7");
    assertEquals("400", shipped.get("spark.sql.shuffle.partitions"));
    for (Map.Entry<String, String> setting : shipped.entrySet()) {
      assertEquals(setting.getValue(), set.get(setting.getKey()), setting.getKey() + "\n" + out);
    }
  }

  @Test
  @Order(4)
  void aSeparateApplicationReadsTheTablesByNameFromTheMetastore() throws Exception {
    HiveConf conf = new HiveConf();
    conf.set("hive.metastore.uris", metastore.uri);
    HiveMetaStoreClient client = new HiveMetaStoreClient(conf);
    String location = "s3://" + BUCKET + "/costlake/warehouse/cost_line_items";
    try {
      Table table = client.getTable("costlake", "cost_line_items");
      // What Athena and Trino read a Delta table by (README, "Analysts").
      assertEquals("delta", table.getParameters().get("spark.sql.sources.provider"));
      assertEquals(location, table.getSd().getSerdeInfo().getParameters().get("path"));
      assertEquals("EXTERNAL_TABLE", table.getTableType());
      assertTrue(client.getAllTables("costlake").contains("cost_allocated"));
    } finally {
      client.close();
    }
    // Another application, with no warehouse of its own to register: only the metastore names
    // costlake.cost_line_items. Its totals are those of the Delta table at its location.
    String totals =
        clientRun(
            "by-name",
            "sql",
            "--warehouse",
            "s3://" + BUCKET + "/costlake/nothing-here",
            "--format",
            "csv",
            "SELECT a.n, a.n = b.n, a.billed = b.billed FROM"
                + " (SELECT COUNT(*) n, SUM(BilledCost) billed FROM costlake.cost_line_items) a,"
                + " (SELECT COUNT(*) n, SUM(BilledCost) billed FROM delta.`"
                + location
                + "`) b");
    assertTrue(totals.lines().anyMatch(l -> l.matches("[1-9][0-9]*,true,true")), totals);
    String described =
        clientRun(
            "describe",
            "sql",
            "--warehouse",
            "s3://" + BUCKET + "/costlake/nothing-here",
            "--format",
            "csv",
            "DESCRIBE TABLE costlake.cost_line_items");
    assertTrue(
        described
            .lines()
            .anyMatch(
                l ->
                    l.startsWith("BilledCost,")
                        && l.contains("decimal(38,10)")
                        && l.contains("Cost as invoiced")),
        "the column comments come with the table:\n" + described);
  }

  @Test
  @Order(5)
  void aDataprocServerlessBatchRunsAsShipped() throws Exception {
    // A batch carries no spark-defaults.conf of a cluster: what the runtime lacks (Delta's
    // extension and catalog, UTC) costlake sets itself. Only this test cluster's own lines
    // (master, object store, sizes) are given, as spark-submit's properties file.
    List<String> properties = new ArrayList<>(clusterLines);
    properties.add("spark.master " + cluster.masterUrl);
    Path file = DIR.resolve("serverless-properties.conf");
    Files.write(file, properties);
    List<String> report = new ArrayList<>(List.of("--properties-file", file.toString()));
    report.addAll(DeploySpecs.dataprocBatch("report"));
    assertEquals(
        0, cluster.run("dataproc-batch-report", report), cluster.log("dataproc-batch-report"));
    assertTrue(
        cluster.log("dataproc-batch-report").contains("usage_daily (version 2)"),
        cluster.log("dataproc-batch-report"));
  }

  @Test
  @Order(6)
  void theDagsSparkSubmitTasksRunOnePeriod() throws Exception {
    List<JsonNode> tasks = renderDag();
    List<String> ran = new ArrayList<>();
    // Tasks without an upstream task (the ingests) run side by side, as Airflow runs them; the
    // rest one after another, in the DAG's order.
    Map<String, List<String>> first = new LinkedHashMap<>();
    List<JsonNode> then = new ArrayList<>();
    for (JsonNode task : tasks) {
      if (task.get("upstream").size() == 0) {
        first.put(task.get("task_id").asText(), submitArgs(task));
      } else {
        then.add(task);
      }
    }
    Map<String, List<String>> named = new LinkedHashMap<>();
    first.forEach((id, args) -> named.put("dag-" + id, args));
    for (Map.Entry<String, Integer> done : cluster.runSideBySide(named).entrySet()) {
      assertEquals(0, done.getValue(), done.getKey() + "\n" + cluster.log(done.getKey()));
    }
    ran.addAll(first.keySet());
    for (JsonNode task : then) {
      String name = "dag-" + task.get("task_id").asText();
      int code = cluster.run(name, submitArgs(task));
      assertEquals(0, code, name + "\n" + cluster.log(name));
      ran.add(task.get("task_id").asText());
    }
    assertEquals(
        List.of(
            "ingest_aws", "ingest_gcp", "ingest_azure", "pipeline", "verify", "catalog", "notify"),
        ran);
    // The EMR steps ingested 2025-10 from the same files: the DAG's ingests find nothing new
    // (the bookkeeping works on S3 too), and its pipeline recomputes the period.
    for (String provider : List.of("aws", "gcp", "azure")) {
      String ingest = cluster.log("dag-ingest_" + provider);
      assertTrue(ingest.contains("slices   0 written, 1 unchanged, 0 failed"), ingest);
    }
    String pipeline = cluster.log("dag-pipeline");
    assertTrue(pipeline.contains("usage_daily"), pipeline);
    assertTrue(pipeline.contains("pipeline: 2025-10 up to date"), pipeline);
    String verify = cluster.log("dag-verify");
    assertTrue(verify.contains("3 slices of cost_line_items agree with ingest_slices"), verify);
  }

  @Test
  @Order(7)
  void thePlantedKeyPairIsInNoLogOfTheCluster() throws Exception {
    String logs = cluster.logs();
    assertTrue(logs.contains("CoarseGrainedExecutorBackend"), "executors ran as JVMs of their own");
    assertFalse(logs.contains(s3.secretKey), "the secret key in a cluster log");
    assertFalse(logs.contains(s3.accessKey), "the access key in a cluster log");
  }

  /** The spark-submit arguments the DAG's SparkSubmitOperator task runs. */
  private static List<String> submitArgs(JsonNode task) {
    List<String> command = DeploySpecs.strings(task.get("spark_submit"));
    assertEquals("spark-submit", command.get(0));
    return command.subList(1, command.size());
  }

  /** What every node of the cluster knows of the object store: the loopback S3 server. */
  private static List<String> objectStore() {
    List<String> lines = new ArrayList<>();
    // EMRFS (s3://) and the GCS connector (gs://) stand-ins: both reach the same S3 server.
    lines.add("spark.hadoop.fs.s3.impl org.apache.hadoop.fs.s3a.S3AFileSystem");
    lines.add("spark.hadoop.fs.gs.impl org.apache.hadoop.fs.s3a.S3AFileSystem");
    lines.add("spark.hadoop.fs.AbstractFileSystem.s3.impl org.apache.hadoop.fs.s3a.S3A");
    lines.add("spark.hadoop.fs.AbstractFileSystem.gs.impl org.apache.hadoop.fs.s3a.S3A");
    for (String arg : s3.sparkConfArgs(BUCKET, EXPORTS)) {
      if (!arg.equals("--conf")) {
        lines.add(arg.replaceFirst("=", " "));
      }
    }
    return lines;
  }

  /**
   * A command of the test's own (not a spec's), in client mode so that its output is at hand, with
   * the cluster's defaults: the jar and config the specs use.
   */
  private static String clientRun(String name, String... costlake) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--class",
                CommandLines.mainClass(),
                "s3://" + BUCKET + "/costlake/costlake-jobs-0.1.0-SNAPSHOT.jar"));
    args.addAll(List.of(costlake));
    if (!args.contains("--warehouse")) {
      args.addAll(List.of("--warehouse", "s3://" + BUCKET + "/costlake/warehouse"));
    }
    args.addAll(List.of("--conf", "s3://" + BUCKET + "/costlake/conf/costlake.yaml"));
    int code = cluster.run(name, args);
    String log = cluster.log(name);
    assertEquals(0, code, log);
    return log;
  }

  /** The DAG's tasks under the spark_submit runner, rendered for a run on 2025-10-15. */
  private static List<JsonNode> renderDag() throws Exception {
    Path stub = Paths.get(ITDeployRehearsal.class.getResource("/airflow-stub").toURI());
    ProcessBuilder builder =
        new ProcessBuilder(
            "python3",
            stub.resolve("render_dag.py").toString(),
            CHECKOUT.resolve("airflow/costlake_dag.py").toString());
    Map<String, String> env = builder.environment();
    env.put("PYTHONPATH", stub.toString());
    env.keySet().removeIf(k -> k.startsWith("COSTLAKE_"));
    env.put("COSTLAKE_RUNNER", "spark_submit");
    env.put("COSTLAKE_CATCHUP_SCHEDULE", "off");
    env.put("STUB_DATA_INTERVAL_START", "2025-10-15");
    env.put("AIRFLOW_CONN_SPARK_DEFAULT", cluster.masterUrl);
    // The DAG's own defaults (s3a:// for the spark_submit runner) for the jar, the config and the
    // warehouse; the sources as the EMR steps name them, so that the same files are the same
    // slices (a slice's fingerprint holds its files' addresses).
    for (String provider : List.of("aws", "gcp", "azure")) {
      String folder = provider.equals("aws") ? "cur" : provider;
      env.put(
          "COSTLAKE_" + provider.toUpperCase(java.util.Locale.ROOT) + "_SOURCE",
          "s3://" + EXPORTS + "/" + folder + "/");
    }
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "python3 did not finish");
    assertEquals(0, process.exitValue(), out);
    List<JsonNode> tasks = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        tasks.add(json.readTree(line));
      }
    }
    return tasks;
  }

  private static void upload(Configuration hadoop, Path from, String to) throws IOException {
    org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(to);
    FileSystem fs = target.getFileSystem(hadoop);
    for (Path file : Fixtures.files(from, "")) {
      if (Files.isRegularFile(file)) {
        fs.copyFromLocalFile(
            new org.apache.hadoop.fs.Path(file.toUri()),
            new org.apache.hadoop.fs.Path(target, from.relativize(file).toString()));
      }
    }
  }

  private static Cli ok(Cli run) {
    assertEquals(0, run.exitCode, run.toString());
    return run;
  }
}
