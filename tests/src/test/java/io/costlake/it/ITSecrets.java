package io.costlake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Planted credentials, wherever a user might put them (config files, --set, addresses of sources,
 * warehouses and config-named files), never come back out: not on stdout, not on stderr (with
 * --verbose stack traces), not in the log. Each is refused in one line naming where it was.
 * ITDeployRehearsal plants a key pair in the credential chain of a real S3 run and checks its
 * tables and logs; ConfigLoaderTest checks each credential key and the YAML errors one by one.
 */
class ITSecrets {
  private static final String ACCESS = "AKIAPLANTED7EXAMPLE";
  private static final String SECRET = "planted/Secret+Key/wJalrXUtnFEMI/K7MDENG";

  @TempDir Path dir;

  @Test
  void aPlantedCredentialIsRefusedAndNeverRepeated() throws IOException {
    Path source = dir.resolve("source");
    Fixtures.awsSamples(source);
    String warehouse = Fixtures.uri(dir.resolve("warehouse"));
    Path inYaml = dir.resolve("with-secret.yaml");
    Files.writeString(
        inYaml,
        "spark:\n  settings:\n    spark.hadoop.fs.s3a.access.key: "
            + ACCESS
            + "\n    spark.hadoop.fs.s3a.secret.key: \""
            + SECRET
            + "\"\n");
    Path inAddress = dir.resolve("address-with-secret.yaml");
    Files.writeString(
        inAddress,
        "reconcile:\n  invoicesFile: s3a://" + ACCESS + ":" + SECRET + "@bucket/invoices.csv\n");
    String login = "s3a://" + ACCESS + ":" + SECRET + "@bucket/";

    List<Cli> runs = new ArrayList<>();
    try (LogCapture log = new LogCapture("io.costlake", "org.apache.hadoop.fs")) {
      runs.add(ingest(warehouse, Fixtures.uri(source), "--conf", inYaml.toString()));
      runs.add(
          ingest(
              warehouse,
              Fixtures.uri(source),
              "--set",
              "spark.settings.spark.hadoop.fs.s3a.secret.key=" + SECRET));
      runs.add(ingest(warehouse, login + "cur"));
      runs.add(ingest(login + "warehouse", Fixtures.uri(source)));
      runs.add(ingest(null, Fixtures.uri(source), "--set", "warehouse=" + login + "w"));
      for (Cli refused : runs) {
        assertEquals(2, refused.exitCode, refused.toString());
        // --verbose adds the stack trace after the one line: neither may hold the secret.
        assertTrue(refused.err.startsWith("costlake ingest: "), refused.err);
      }
      assertTrue(runs.get(0).err.contains("Refusing config key"), runs.get(0).err);
      assertTrue(runs.get(2).err.contains("s3a://***@bucket/cur"), runs.get(2).err);

      // A run that works, then a file named in config behind a login: refused when it is read.
      Cli ok = ingest(warehouse, Fixtures.uri(source));
      assertEquals(0, ok.exitCode, ok.toString());
      runs.add(ok);
      Cli reconcile =
          Cli.run(
              "reconcile", "--warehouse", warehouse, "--conf", inAddress.toString(), "--verbose");
      assertEquals(2, reconcile.exitCode, reconcile.toString());
      assertTrue(reconcile.err.contains("s3a://***@bucket/invoices.csv"), reconcile.err);
      runs.add(reconcile);

      String logged = log.text();
      for (String secret : List.of(SECRET, ACCESS)) {
        assertFalse(logged.contains(secret), "a credential in the log");
        for (Cli run : runs) {
          assertFalse(run.out.contains(secret) || run.err.contains(secret), run.toString());
        }
      }
    }
    Cli audit =
        Cli.sqlCsv(
            warehouse,
            "SELECT to_json(struct(*)) FROM ingest_runs UNION ALL"
                + " SELECT to_json(struct(*)) FROM ingest_quarantine");
    assertEquals(0, audit.exitCode, audit.toString());
    assertFalse(audit.out.contains(SECRET) || audit.out.contains(ACCESS), audit.out);
  }

  private static Cli ingest(String warehouse, String source, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "ingest",
                "--provider",
                "aws",
                "--source",
                source,
                "--conf",
                Cli.testConf().toString(),
                "--verbose"));
    if (warehouse != null) {
      args.addAll(List.of("--warehouse", warehouse));
    }
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(new String[0]));
  }
}
