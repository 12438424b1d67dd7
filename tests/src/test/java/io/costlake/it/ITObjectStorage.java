package io.costlake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.junit.jupiter.api.Test;

/**
 * The pipeline on object storage: generated exports of the three clouds uploaded to a real S3 API
 * (S3Proxy on loopback) in each provider's own delivery layout, read from s3a://, and every table
 * written as Delta on s3a://. The key pair reaches S3A only through the AWS SDK's default provider
 * chain; it is a planted secret that must appear in no output, table or log line.
 */
class ITObjectStorage {
  private static final String RAW = "billing-exports";
  private static final String LAKE = "costlake-lake";

  @Test
  void ingestAndEveryDownstreamJobRunOnS3a() throws Exception {
    S3Server s3 = S3Server.get();
    s3.bucket(RAW);
    s3.bucket(LAKE);
    Configuration hadoop = TestSpark.session().sparkContext().hadoopConfiguration();
    s3.configure(hadoop, RAW, LAKE);
    s3.credentialsForThisJvm();

    Path local = Files.createTempDirectory("costlake-s3-exports");
    generate("aws", local.resolve("aws"), "900");
    generate("gcp", local.resolve("gcp"), "400");
    generate("azure", local.resolve("azure"), "300");
    // As each cloud delivers: CUR under s3://<bucket>/<prefix>/<report>/<range>/, the GCP
    // export's extract per account and invoice month, Azure's per enrollment and run.
    upload(hadoop, local.resolve("aws"), "s3a://" + RAW + "/cur");
    upload(hadoop, local.resolve("gcp"), "s3a://" + RAW + "/gcp-billing");
    upload(hadoop, local.resolve("azure"), "s3a://" + RAW + "/azure-exports");
    String warehouse = "s3a://" + LAKE + "/warehouse";

    List<Cli> runs = new ArrayList<>();
    String clusterLogs;
    try (LogCapture log = new LogCapture("org.apache.hadoop.fs.s3a", "com.amazonaws")) {
      // Here, in-process: two clouds' exports read from S3 into Delta tables on S3.
      runs.add(ingest("gcp", "s3a://" + RAW + "/gcp-billing", warehouse));
      runs.add(ingest("azure", "s3a://" + RAW + "/azure-exports", warehouse));

      // On a standalone cluster, through spark-submit and the shaded jar: the AWS CUR. The nodes
      // hold the key pair in their environment, as a node's role would.
      try (SparkCluster cluster =
          new SparkCluster(
              Path.of("target", "spark-cluster").toAbsolutePath(), s3.credentialsForChain())) {
        List<String> conf = s3.sparkConfArgs(RAW, LAKE);
        int ingested =
            cluster.submit(
                "submit-ingest",
                jobJar(),
                conf,
                List.of(
                    "ingest",
                    "--provider",
                    "aws",
                    "--source",
                    "s3a://" + RAW + "/cur",
                    "--warehouse",
                    warehouse,
                    "--conf",
                    Cli.testConf().toString()));
        assertEquals(0, ingested, cluster.log("submit-ingest"));
        assertTrue(
            cluster.log("submit-ingest").contains("slices   2 written, 0 unchanged, 0 failed"),
            cluster.log("submit-ingest"));
        clusterLogs = cluster.logs();
        // The work ran on executors, which the worker started as JVMs of their own.
        assertTrue(clusterLogs.contains("CoarseGrainedExecutorBackend"), clusterLogs);
      }

      // The rest of the pipeline here, on the tables the cluster wrote to S3.
      for (String job : List.of("amortize", "allocate", "report")) {
        runs.add(ok(Cli.run(job, "--warehouse", warehouse)));
      }

      // Ingest bookkeeping works on S3 too: the same files again are the same slices.
      Cli again = ingest("azure", "s3a://" + RAW + "/azure-exports", warehouse);
      assertTrue(again.out.contains("0 written, "), again.out);
      runs.add(again);

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
      // The downstream tables are on S3, and the rollup keeps allocate's input to the cent.
      Cli conserved =
          ok(
              Cli.sqlCsv(
                  warehouse,
                  "SELECT (SELECT SUM(EffectiveCost) FROM usage_monthly)"
                      + " = (SELECT SUM(EffectiveCost) FROM cost_amortized),"
                      + " (SELECT COUNT(*) FROM pipeline_health)"));
      assertEquals(
          "(scalarsubquery() = scalarsubquery()),scalarsubquery()\ntrue,6\n",
          conserved.out,
          conserved.toString());
      runs.add(balance);
      runs.add(conserved);
      Cli audit = ok(Cli.sqlCsv(warehouse, "SELECT to_json(struct(*)) FROM ingest_runs"));
      assertTrue(audit.out.contains("s3a://" + RAW + "/cur/"), "ingest_runs names S3 files");
      runs.add(audit);

      // A key pair written into the address is refused, and the refusal does not repeat it.
      Cli login =
          Cli.run(
              "ingest",
              "--provider",
              "aws",
              "--source",
              "s3a://" + s3.accessKey + ":" + s3.secretKey + "@" + RAW + "/cur",
              "--warehouse",
              warehouse);
      assertEquals(2, login.exitCode, login.toString());
      assertTrue(login.oneLineError(), login.err);
      assertTrue(login.err.contains("s3a://***@" + RAW + "/cur"), login.err);
      runs.add(login);

      String logged = log.text();
      assertTrue(logged.contains("INFO org.apache.hadoop.fs.s3a"), "S3A logged at INFO");
      for (String secret : List.of(s3.secretKey, s3.accessKey)) {
        assertFalse(logged.contains(secret), "a credential in the log");
        assertFalse(clusterLogs.contains(secret), "a credential in the cluster's logs");
        for (Cli run : runs) {
          assertFalse(run.out.contains(secret) || run.err.contains(secret), run.toString());
        }
      }
    }
    // The tables are really in the bucket, as Delta tables with their logs.
    assertTrue(
        Files.isDirectory(s3.root.resolve(LAKE).resolve("warehouse/cost_line_items/_delta_log")));
  }

  /** What spark-submit runs: the shaded jar the jobs module builds. */
  private static Path jobJar() throws IOException {
    try (java.util.stream.Stream<Path> jars = Files.list(Path.of("..", "jobs", "target"))) {
      return jars.filter(
              p -> p.getFileName().toString().matches("costlake-jobs-[0-9][^-]*(-SNAPSHOT)?\\.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no shaded jar under jobs/target"))
          .toAbsolutePath();
    }
  }

  private static void generate(String provider, Path out, String rows) {
    ok(
        Cli.raw(
            "generate",
            "--provider",
            provider,
            "--out",
            out.toString(),
            "--rows",
            rows,
            "--months",
            "2"));
  }

  private static Cli ingest(String provider, String input, String warehouse) {
    return ok(
        Cli.run("ingest", "--provider", provider, "--source", input, "--warehouse", warehouse));
  }

  private static Cli ok(Cli run) {
    assertEquals(0, run.exitCode, run.toString());
    return run;
  }

  /** Uploads every file under {@code from} to {@code to}, keeping relative paths, through S3A. */
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
    RemoteIterator<LocatedFileStatus> listed = fs.listFiles(target, true);
    int count = 0;
    while (listed.hasNext()) {
      listed.next();
      count++;
    }
    assertTrue(count > 0, "uploaded to " + to);
  }
}
