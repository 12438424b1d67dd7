package io.costlake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.errors.CostlakeException;
import io.costlake.jobs.Main;
import io.costlake.jobs.cli.OptionSpec;
import io.costlake.tasks.JobContext;
import io.costlake.testing.Hashes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as users and the team's own tools call it. */
class ITCli {
  @TempDir Path dir;

  @Test
  void anAddressWithAKeyPairIsRefusedMaskedWhileAzureContainersPass() {
    String azure = "abfss://billing@acct.dfs.core.windows.net/exports";
    assertEquals(azure, JobContext.uri(azure));
    CostlakeException refused =
        assertThrows(
            CostlakeException.class,
            () -> JobContext.uri("s3a://AKIAEXAMPLE:wJalrXUtnFEMI@bucket/cur"));
    assertEquals(
        "Refusing s3a://***@bucket/cur: the address holds login details; give the bare address"
            + " and let the provider's credential chain (instance profile, ADC, managed identity,"
            + " environment) sign in",
        refused.getMessage());
  }

  @Test
  void helpListsEveryJob() {
    Cli cli = Cli.raw("--help");
    assertEquals(0, cli.exitCode);
    for (String job : new Main().jobs().keySet()) {
      assertTrue(cli.out.contains("\n  " + job + " "), job + " missing from:\n" + cli.out);
    }
    assertEquals(2, Cli.raw().exitCode, "no job is a usage error");
  }

  @Test
  void everyJobDocumentsEveryOption() {
    for (Map.Entry<String, io.costlake.jobs.Job> job : new Main().jobs().entrySet()) {
      Cli cli = Cli.raw(job.getKey(), "--help");
      assertEquals(0, cli.exitCode, job.getKey());
      assertTrue(cli.out.startsWith("Usage: costlake " + job.getKey()), cli.out);
      for (OptionSpec option : job.getValue().spec().options()) {
        assertTrue(
            cli.out.contains(option.name()), job.getKey() + " --help lacks " + option.name());
      }
    }
  }

  @Test
  void unknownJobsOptionsAndKeysFailWithOneLineNamingThem() throws IOException {
    Cli job = Cli.raw("ingets");
    assertEquals(2, job.exitCode);
    assertEquals(
        "costlake ingets: Unknown job 'ingets' (jobs: "
            + String.join(", ", new Main().jobs().keySet())
            + ")",
        job.err.strip());

    Cli option = Cli.raw("ingest", "--provider", "aws", "--sorce", "x");
    assertEquals(2, option.exitCode);
    assertEquals(
        "costlake ingest: Unknown option --sorce for 'ingest' (see: costlake ingest --help)",
        option.err.strip());

    Cli missing = Cli.raw("ingest", "--provider", "aws");
    assertEquals(2, missing.exitCode);
    assertEquals(
        "costlake ingest: Cannot run 'ingest': option --source is required", missing.err.strip());

    Path conf = dir.resolve("bad.yaml");
    Files.writeString(conf, "warehouse: w\ningest:\n  maxQuarantinedFractoin: 0.2\n");
    Cli key = Cli.raw("sql", "--conf", conf.toString(), "SELECT 1");
    assertEquals(2, key.exitCode);
    assertEquals(
        "costlake sql: Unknown config key 'ingest.maxQuarantinedFractoin' in " + conf,
        key.err.strip());

    Cli period = Cli.raw("ingest", "--provider", "aws", "--source", "x", "--period", "2024-13");
    assertEquals(2, period.exitCode);
    assertEquals(
        "costlake ingest: Cannot run 'ingest': --period must be a month as yyyy-MM (got '2024-13')",
        period.err.strip());

    Cli provider = Cli.raw("ingest", "--provider", "oracle", "--source", "x");
    assertEquals(2, provider.exitCode);
    assertTrue(provider.oneLineError(), provider.err);
  }

  @Test
  void sqlPrintsTablesCsvAndJsonAndFailsInOneLine() {
    String warehouse = Fixtures.uri(dir.resolve("warehouse"));
    Cli csv =
        Cli.run(
            "sql",
            "--warehouse",
            warehouse,
            "--format",
            "csv",
            "SELECT 1 AS a, 'x,y' AS b, CAST(2.50 AS DECIMAL(38,10)) AS c");
    assertEquals(0, csv.exitCode, csv.toString());
    assertEquals("a,b,c\n1,\"x,y\",2.5000000000\n", csv.out);
    Cli json = Cli.run("sql", "--warehouse", warehouse, "--format", "json", "SELECT 1 AS a");
    assertEquals("{\"a\":1}\n", json.out);
    Cli table = Cli.run("sql", "--warehouse", warehouse, "SELECT 1 AS a");
    assertEquals("a\n-\n1\n(1 row)\n", table.out);
    Cli bad = Cli.run("sql", "--warehouse", warehouse, "SELECT * FROM no_such_table");
    assertEquals(1, bad.exitCode);
    assertTrue(bad.oneLineError(), bad.err);
    assertTrue(
        bad.err.startsWith("costlake sql: Cannot run the query: [TABLE_OR_VIEW_NOT_FOUND]"),
        bad.err);
    Cli format = Cli.run("sql", "--warehouse", warehouse, "--format", "xml", "SELECT 1");
    assertEquals(2, format.exitCode);
  }

  @Test
  void sqlRunsAFileOrStdinOfStatementsIntoAFileAndNamesTheWarehouseItLookedIn() throws IOException {
    Path export = dir.resolve("exports/part_0_0001.csv");
    Files.createDirectories(export.getParent());
    try (java.io.InputStream in =
        getClass().getResourceAsStream("/fixtures/azure/ea-2024-03/actual/part_0_0001.csv")) {
      Files.copy(in, export);
    }
    String warehouse = Fixtures.uri(dir.resolve("warehouse"));
    Cli ingest =
        Cli.run(
            "ingest",
            "--provider",
            "azure",
            "--warehouse",
            warehouse,
            "--source",
            export.toString());
    assertEquals(0, ingest.exitCode, ingest.toString());

    Path queries = dir.resolve("queries.sql");
    Files.writeString(
        queries,
        "-- what was billed; per currency\n"
            + "SELECT BillingCurrency, SUM(BilledCost) AS billed FROM cost_line_items GROUP BY ALL;\n"
            + "SELECT COUNT(*) AS files FROM ingest_runs;\n");
    Path output = dir.resolve("results/out.csv");
    Cli file =
        Cli.run(
            "sql",
            "--warehouse",
            warehouse,
            "--format",
            "csv",
            "-f",
            queries.toString(),
            "--output",
            output.toString());
    assertEquals(0, file.exitCode, file.toString());
    assertEquals(
        "BillingCurrency,billed\nEUR,887.5000000000\nfiles\n1\n", Files.readString(output));
    assertTrue(file.out.contains("sql: 2 statement(s), results in " + output), file.out);

    java.io.InputStream stdin = System.in;
    Cli piped;
    try {
      System.setIn(
          new java.io.ByteArrayInputStream(
              "SELECT 1 AS a;\nSELECT 2 AS b".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      piped = Cli.run("sql", "--warehouse", warehouse, "--format", "csv", "-f", "-");
    } finally {
      System.setIn(stdin);
    }
    assertEquals("a\n1\nb\n2\n", piped.out, piped.toString());

    // A script that would change a table stops before its first statement runs.
    Files.writeString(queries, "SELECT 1 AS a;\nDROP TABLE cost_line_items;\n");
    Cli drop = Cli.run("sql", "--warehouse", warehouse, "-f", queries.toString());
    assertEquals(2, drop.exitCode, drop.toString());
    assertTrue(drop.err.contains("it changes tables"), drop.err);
    assertEquals("", drop.out);

    // From the wrong folder (here: the wrong warehouse), the error says where it looked.
    Path elsewhere = dir.resolve("elsewhere");
    Cli wrong =
        Cli.run("sql", "--warehouse", elsewhere.toString(), "SELECT COUNT(*) FROM cost_line_items");
    assertEquals(1, wrong.exitCode);
    assertTrue(wrong.oneLineError(), wrong.err);
    assertTrue(
        wrong.err.contains(
            "looked in the warehouse "
                + JobContext.uri(elsewhere.toString())
                + ", which holds no costlake table (give --warehouse, or set COSTLAKE_WAREHOUSE)"),
        wrong.err);
    Cli both = Cli.run("sql", "--warehouse", warehouse, "-f", queries.toString(), "SELECT 1");
    assertEquals(2, both.exitCode, both.toString());
  }

  @Test
  void generateIsDeterministicAndWritesEveryLineItemType() throws IOException {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    Cli first =
        Cli.raw(
            "generate",
            "--provider",
            "aws",
            "--out",
            a.toString(),
            "--rows",
            "3000",
            "--seed",
            "11",
            "--months",
            "2");
    Cli second =
        Cli.raw(
            "generate",
            "--provider",
            "aws",
            "--out",
            b.toString(),
            "--rows",
            "3000",
            "--seed",
            "11",
            "--months",
            "2");
    assertEquals(0, first.exitCode, first.toString());
    assertEquals(first.out.replace(a.toString(), ""), second.out.replace(b.toString(), ""));
    List<String> hashesA = new ArrayList<>();
    List<String> hashesB = new ArrayList<>();
    for (Path p : Fixtures.files(a, "")) {
      if (Files.isRegularFile(p)) {
        hashesA.add(a.relativize(p) + " " + Hashes.sha256Hex(Files.readAllBytes(p)));
      }
    }
    for (Path p : Fixtures.files(b, "")) {
      if (Files.isRegularFile(p)) {
        hashesB.add(b.relativize(p) + " " + Hashes.sha256Hex(Files.readAllBytes(p)));
      }
    }
    assertEquals(hashesA, hashesB, "same seed, same bytes");
    for (String type :
        List.of(
            "Usage",
            "DiscountedUsage",
            "SavingsPlanCoveredUsage",
            "SavingsPlanNegation",
            "RIFee",
            "Fee",
            "SavingsPlanUpfrontFee",
            "SavingsPlanRecurringFee",
            "Tax",
            "Credit",
            "Refund",
            "EdpDiscount")) {
      assertTrue(first.out.contains("  " + type + " "), type + " missing:\n" + first.out);
    }
    Cli other =
        Cli.raw(
            "generate",
            "--provider",
            "aws",
            "--out",
            dir.resolve("c").toString(),
            "--rows",
            "3000",
            "--seed",
            "12");
    assertTrue(!other.out.equals(first.out), "another seed, other data");
  }
}
