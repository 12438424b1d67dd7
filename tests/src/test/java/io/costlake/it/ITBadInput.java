package io.costlake.it;

import static io.costlake.testing.Money.assertMoney;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.testing.TestSpark;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad AWS input gives a clear one-line message or a quarantine row, never a stack trace, and never
 * a silently lost row: a truncated gzip, a file missing a required column, a row whose cost is not
 * a number.
 */
class ITBadInput {
  @TempDir Path dir;

  private final SparkSession spark = TestSpark.session();

  private TestWarehouse lake() {
    return new TestWarehouse(dir.resolve("warehouse"));
  }

  private Dataset<Row> table(String name) {
    return lake().table(name);
  }

  /** A bundled AWS CUR 1.0 sample: a small month with a Savings Plan. */
  private Path savingsPlanSample() {
    return Fixtures.awsSamples(dir.resolve("samples")).resolve("koku_2023-06-01_savingsplan.csv");
  }

  private Cli ingest(Path source) {
    return lake().ingest(Fixtures.uri(source));
  }

  @Test
  void aTruncatedGzipLeavesItsSliceAsItWasAndSaysWhichFile() throws IOException {
    Path generated = dir.resolve("generated");
    Fixtures.generated(generated, 2_000, 1, false);
    assertEquals(0, ingest(generated).exitCode);
    long version = lake().version("cost_line_items");
    long rows = table("cost_line_items").count();

    ITAwsIngest.restate(generated.resolve("costlake-cur/20250101-20250201"), 5);
    Path part =
        Fixtures.files(generated.resolve("costlake-cur/20250101-20250201/restated-assembly"), ".gz")
            .get(0);
    byte[] bytes = Files.readAllBytes(part);
    Files.write(part, Arrays.copyOf(bytes, bytes.length / 2));

    Cli cli = ingest(generated);
    assertEquals(1, cli.exitCode, cli.toString());
    assertTrue(cli.oneLineError(), cli.err);
    assertTrue(cli.err.contains(Fixtures.uri(part)), cli.err);
    assertTrue(cli.err.contains("the file ends abruptly after data row"), cli.err);
    assertTrue(
        cli.err.startsWith(
            "costlake ingest: Cannot ingest everything: 1 input failed, 1 slice left as they were; first: "),
        cli.err);
    assertEquals(version, lake().version("cost_line_items"));
    assertEquals(rows, table("cost_line_items").count(), "the month is exactly as it was");

    List<Row> all = table("ingest_quarantine").collectAsList();
    Row quarantined =
        all.stream()
            .filter(r -> "TRUNCATED_FILE".equals(r.getAs("reason_code")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no TRUNCATED_FILE row in " + all + "\n" + cli));
    assertEquals(Fixtures.uri(part), quarantined.getAs("source_file"));
    assertNull(quarantined.getAs("source_row"));
    assertEquals("2025-01", quarantined.getAs("billing_period"));
    Row run = table("ingest_runs").filter("status = 'FAILED'").head();
    assertEquals(Fixtures.uri(part), run.getAs("source_file"));
    Row slice = table("ingest_slices").filter("status = 'FAILED'").head();
    assertTrue(
        ((String) slice.getAs("message")).contains("ends abruptly"),
        (String) slice.getAs("message"));
  }

  @Test
  void aFileMissingARequiredColumnIsNamedWithTheColumn() throws IOException {
    Path source = dir.resolve("source");
    Files.createDirectories(source);
    List<String> lines = Files.readAllLines(savingsPlanSample());
    String header = lines.get(0).replace("lineItem/CurrencyCode", "lineItem/Currency");
    Path file = source.resolve("no-currency.csv");
    Files.write(file, List.of(header, lines.get(1), lines.get(2)), StandardCharsets.UTF_8);

    Cli cli = ingest(source);
    assertEquals(1, cli.exitCode, cli.toString());
    assertTrue(cli.oneLineError(), cli.err);
    assertTrue(
        cli.err.contains(
            Fixtures.uri(file)
                + ": missing required column lineItem/CurrencyCode (contract aws-cur-1.0/v1)"),
        cli.err);
    Row run = table("ingest_runs").head();
    assertEquals("FAILED", run.getAs("status"));
    assertEquals(2L, (long) run.getAs("rows_in"), "the rows were counted, none silently dropped");
    assertEquals(0L, (long) run.getAs("rows_written"));
    assertEquals("MISSING_COLUMNS", table("ingest_quarantine").head().getAs("reason_code"));
  }

  @Test
  void aRowWithANonNumericCostIsQuarantinedWithFileRowAndColumn() throws IOException {
    Path source = dir.resolve("source");
    Files.createDirectories(source);
    Path sample = Fixtures.awsSamples(dir.resolve("samples")).resolve("koku_test_cur.csv");
    List<String> lines = Files.readAllLines(sample);
    lines.set(
        4, lines.get(4).replace("0.0029517456", "n/a").replaceAll(",0\\.0029[0-9]*,", ",n/a,"));
    Path file = source.resolve("one-bad-row.csv");
    Files.write(file, lines, StandardCharsets.UTF_8);

    Cli cli = ingest(source);
    assertEquals(0, cli.exitCode, cli.toString());
    assertTrue(cli.out.contains("18 in the table, 1 quarantined"), cli.out);
    Row bad = table("ingest_quarantine").head();
    assertEquals(Fixtures.uri(file), bad.getAs("source_file"));
    assertEquals(4L, (long) bad.getAs("source_row"));
    assertEquals("lineItem/UnblendedCost", bad.getAs("column_name"));
    assertEquals("INVALID_NUMBER", bad.getAs("reason_code"));
    assertEquals("n/a", bad.getAs("raw_value"));
    assertEquals("6838635603105", bad.getAs("billing_account_id"));
    assertEquals("2018-06", bad.getAs("billing_period"));
    Row run = table("ingest_runs").head();
    assertEquals(19L, (long) run.getAs("rows_in"));
    assertEquals(18L, (long) run.getAs("rows_written"));
    assertEquals(1L, (long) run.getAs("rows_quarantined"));
    assertMoney(
        ((java.math.BigDecimal) run.getAs("cost_in")).toPlainString(),
        ((java.math.BigDecimal) run.getAs("cost_written")).add(run.getAs("cost_quarantined")));
    assertEquals(18L, table("cost_line_items").count());
  }

  @Test
  void tooManyBadRowsKeepAGoodMonthFromBeingReplaced() throws IOException {
    Path source = dir.resolve("source");
    Files.createDirectories(source);
    Files.copy(savingsPlanSample(), source.resolve("month.csv"));
    assertEquals(0, ingest(source).exitCode);
    List<String> lines = Files.readAllLines(source.resolve("month.csv"));
    lines.set(1, lines.get(1).replace(",NOK,", ",??,"));
    Files.write(source.resolve("month.csv"), lines, StandardCharsets.UTF_8);

    Cli cli = ingest(source);
    assertEquals(1, cli.exitCode, cli.toString());
    assertTrue(
        cli.err.contains(
            "1 of 3 rows rejected (33.3%), more than ingest.maxQuarantinedFraction 0.10"),
        cli.err);
    assertEquals(3L, table("cost_line_items").count(), "the earlier, good month is still there");
    assertEquals("UNKNOWN_CURRENCY", table("ingest_quarantine").head().getAs("reason_code"));
  }

  @Test
  void aSourceThatDoesNotExistIsOneLine() {
    Cli cli = ingest(dir.resolve("nowhere"));
    assertEquals(1, cli.exitCode);
    assertTrue(cli.oneLineError(), cli.err);
    assertTrue(cli.err.startsWith("costlake ingest: Cannot ingest file:"), cli.err);
    assertTrue(cli.err.strip().endsWith("nowhere: no such file or folder"), cli.err);
  }

  @Test
  void aWarehouseThatIsAFileIsRefusedBeforeAnythingIsRead() throws IOException {
    Path file = Files.writeString(dir.resolve("warehouse.txt"), "not a folder\n");
    Cli cli =
        Cli.run(
            "ingest",
            "--provider",
            "aws",
            "--source",
            Fixtures.uri(dir.resolve("nowhere")),
            "--warehouse",
            Fixtures.uri(file));
    // The missing source would be exit 1 after listing: the warehouse is checked first.
    assertEquals(2, cli.exitCode, cli.err);
    assertTrue(cli.oneLineError(), cli.err);
    assertTrue(cli.err.contains("warehouse.txt: it is a file"), cli.err);
  }

  @Test
  void everyFileUnderASourceIsReadOrNamedAsNotRead() throws Exception {
    Path source = dir.resolve("source");
    Files.createDirectories(source.resolve("_late"));
    List<String> lines = Files.readAllLines(savingsPlanSample());
    Path file = source.resolve("cur.csv");
    Files.write(file, List.of(lines.get(0), lines.get(1), lines.get(2)), StandardCharsets.UTF_8);
    Files.write(source.resolve("_late/cur.csv"), List.of(lines.get(0), lines.get(3)));
    Process mkfifo = new ProcessBuilder("mkfifo", source.resolve("pipe.csv").toString()).start();
    assertEquals(0, mkfifo.waitFor());
    Files.createSymbolicLink(source.resolve("gone.csv"), dir.resolve("nowhere.csv"));

    // A pipe used to block the run for good: it is never opened now.
    Cli cli =
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
            java.time.Duration.ofMinutes(3), () -> ingest(source));
    assertEquals(0, cli.exitCode, cli.toString());
    assertTrue(cli.out.contains("files    1 read, 3 not read"), cli.out);
    for (String notRead :
        List.of(
            "_late/cur.csv: hidden (a name below the source starts with _ or .)",
            "pipe.csv: not a regular file (a pipe, socket or device)",
            "gone.csv: a link to nothing")) {
      assertTrue(cli.out.contains("  not read " + Fixtures.uri(source) + "/" + notRead), cli.out);
    }
    Row run = table("ingest_runs").head();
    assertEquals(Fixtures.uri(file), run.getAs("source_file"));
    assertEquals(2L, (long) run.getAs("rows_in"));
  }

  @Test
  void theTableIsTheTruthAndSqlOnlyReadsUnlessToldToWrite() throws IOException {
    Path source = dir.resolve("source");
    Files.createDirectories(source);
    List<String> lines = Files.readAllLines(savingsPlanSample());
    Files.write(source.resolve("cur.csv"), lines.subList(0, 4), StandardCharsets.UTF_8);
    Cli nothingYet = Cli.run("verify", "--warehouse", lake().uri());
    assertEquals(0, nothingYet.exitCode, nothingYet.toString());
    assertTrue(nothingYet.out.contains("nothing ingested yet"), nothingYet.out);
    assertEquals(0, ingest(source).exitCode);
    long rows = table("cost_line_items").count();
    assertTrue(rows >= 3, "rows " + rows);

    String warehouse = lake().uri();
    Cli refused = Cli.run("sql", "--warehouse", warehouse, "DELETE FROM cost_line_items");
    assertEquals(2, refused.exitCode, refused.toString());
    assertTrue(refused.oneLineError(), refused.err);
    assertTrue(refused.err.contains("DeleteFromTable") && refused.err.contains("--write"));
    assertEquals(rows, table("cost_line_items").count(), "nothing was deleted");

    Cli deleted =
        Cli.run("sql", "--warehouse", warehouse, "--write", "DELETE FROM cost_line_items");
    assertEquals(0, deleted.exitCode, deleted.toString());
    assertEquals(0L, table("cost_line_items").count());
    Cli verified = Cli.run("verify", "--warehouse", warehouse);
    assertEquals(1, verified.exitCode, verified.toString());
    assertTrue(
        verified.out.contains("  broken   aws/")
            && verified.out.contains("cost_line_items holds none"),
        verified.out);
    assertTrue(verified.err.contains("1 invariant is broken"), verified.err);

    // The same files again: ingest_slices says unchanged, the table holds nothing of them.
    Cli again = ingest(source);
    assertEquals(0, again.exitCode, again.toString());
    assertTrue(again.out.contains("slices   1 written, 0 unchanged"), again.out);
    assertTrue(
        again.out.contains("  again    aws/")
            && again.out.contains("the table held 0 rows billing 0 where its unchanged files give"),
        again.out);
    assertEquals(rows, table("cost_line_items").count());
    Cli once = ingest(source);
    assertTrue(once.out.contains("slices   0 written, 1 unchanged"), once.out);
    assertFalse(once.out.contains("  again "), once.out);

    // A change by hand is found, and mended from the table's history.
    BigDecimal billed = billedTotal();
    Cli changed =
        Cli.run(
            "sql",
            "--warehouse",
            warehouse,
            "--write",
            "UPDATE cost_line_items SET BilledCost = BilledCost + 1");
    assertEquals(0, changed.exitCode, changed.toString());
    Cli repaired = Cli.run("verify", "--warehouse", warehouse, "--repair");
    assertEquals(0, repaired.exitCode, repaired.toString());
    assertTrue(
        repaired.out.contains("  broken   aws/")
            && repaired.out.contains("where ingest_slices records"),
        repaired.out);
    assertTrue(repaired.out.contains("  repair   aws/") && repaired.out.contains("restored as"));
    assertEquals(0, billed.compareTo(billedTotal()), "billed cost as ingest wrote it");
    assertEquals(rows, table("cost_line_items").count());
    Cli clean = Cli.run("verify", "--warehouse", warehouse);
    assertEquals(0, clean.exitCode, clean.toString());
    assertTrue(clean.out.contains("1 slices of cost_line_items agree"), clean.out);
  }

  @Test
  void amountsInTwoCurrenciesAreNeverAddedAndWhatRoundingAddedIsSaid() throws Exception {
    // 40 FOCUS rows of 4E-11 and 5E-11 USD (the corpus case), the first one billed in EUR.
    Path corpusFile =
        java.nio.file.Paths.get(
            ITBadInput.class.getResource("/corpus/focus/sub-precision-amounts/focus.csv").toURI());
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(corpusFile));
    assertTrue(lines.get(1).contains(",USD,"), lines.get(1));
    lines.set(1, lines.get(1).replace(",USD,", ",EUR,"));
    Path source = dir.resolve("two-currencies");
    Files.createDirectories(source);
    Files.write(source.resolve("focus.csv"), lines, StandardCharsets.UTF_8);

    Cli cli =
        Cli.run(
            "ingest",
            "--provider",
            "focus",
            "--source",
            Fixtures.uri(source),
            "--warehouse",
            lake().uri());
    assertEquals(0, cli.exitCode, cli.toString());
    // The table rounds to 10 places: 4E-11 to 0, 5E-11 to 1E-10 (20 of them in USD).
    assertTrue(
        cli.out.contains("  billed   0 EUR, 0.000000002 USD in the table from these files"),
        cli.out);
    assertTrue(
        cli.out.contains(
            "  rounded  40 amounts have more than 10 decimal places: rounding them added"
                + " -0.00000000004 EUR, 0.00000000024 USD"),
        cli.out);
    List<Row> runs = table("ingest_runs").orderBy("billing_currency").collectAsList();
    assertEquals(2, runs.size(), runs.toString());
    assertEquals("EUR", runs.get(0).getAs("billing_currency"));
    assertEquals(1L, (long) runs.get(0).getAs("rows_in"));
    assertMoney("-4E-11", runs.get(0).getAs("cost_rounding"));
    assertEquals("USD", runs.get(1).getAs("billing_currency"));
    assertEquals(39L, (long) runs.get(1).getAs("rows_in"));
    assertMoney("2E-9", runs.get(1).getAs("cost_in"));
    assertMoney("2.4E-10", runs.get(1).getAs("cost_rounding"));
    assertEquals(39L, (long) runs.get(1).getAs("rows_rounded"));
  }

  private BigDecimal billedTotal() {
    return table("cost_line_items").agg(functions.sum("BilledCost")).head().getDecimal(0);
  }
}
