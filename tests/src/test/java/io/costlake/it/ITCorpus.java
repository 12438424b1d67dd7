package io.costlake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.testing.TestSpark;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input corpus (tests/corpus/build.py wrote it under resources/corpus; cases.tsv says what
 * each case must come to). One ingest per provider reads every case of that provider: each case
 * bills its own account, so a case that fails is one failed slice and the rest of the run goes on.
 * Per case: the file status, rows in, written and quarantined, and the quarantine reasons; per file
 * written, rows in = rows written + rows quarantined + rows out of scope (and the same for cost,
 * exactly), none lost; a file that failed says why and its case wrote nothing.
 */
class ITCorpus {
  @TempDir Path dir;

  @Test
  void everyBrokenOrHostileExportComesToItsExpectedOutcomeAndNoRowIsLost() throws IOException {
    Path corpus = corpus();
    List<String[]> cases = new ArrayList<>();
    for (String line : Files.readAllLines(corpus.resolve("cases.tsv"), StandardCharsets.UTF_8)) {
      if (!line.startsWith("provider\t")) {
        cases.add(line.split("\t", -1));
      }
    }
    String warehouse = Fixtures.uri(dir.resolve("warehouse"));
    Map<String, Cli> runs = new LinkedHashMap<>();
    for (String provider : List.of("aws", "gcp", "azure", "focus")) {
      List<String> args =
          new ArrayList<>(List.of("ingest", "--provider", provider, "--warehouse", warehouse));
      for (String[] c : cases) {
        if (c[0].equals(provider)) {
          args.add("--source");
          args.add(Fixtures.uri(corpus.resolve(provider).resolve(c[1])));
        }
      }
      // Row-level cases reject 1 of 4 rows: the slice-level threshold has its own test.
      args.addAll(List.of("--set", "ingest.maxQuarantinedFraction=0.5"));
      Cli cli = Cli.run(args.toArray(new String[0]));
      runs.put(provider, cli);
      // Some cases fail by design: exit 1 in one line, the rest written.
      assertEquals(1, cli.exitCode, cli.toString());
      assertTrue(cli.oneLineError(), cli.err);
    }

    List<Row> files =
        TestSpark.session().read().format("delta").load(warehouse + "/ingest_runs").collectAsList();
    List<Row> quarantine =
        TestSpark.session()
            .read()
            .format("delta")
            .load(warehouse + "/ingest_quarantine")
            .collectAsList();
    Dataset<Row> lines =
        TestSpark.session().read().format("delta").load(warehouse + "/cost_line_items");
    List<String> mismatches = new ArrayList<>();
    StringBuilder report =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%-6s %-28s %-8s %5s %5s %5s  %s%n",
                "",
                "case",
                "status",
                "in",
                "out",
                "quar",
                "reasons"));
    for (String[] c : cases) {
      String prefix = Fixtures.uri(corpus.resolve(c[0]).resolve(c[1])) + "/";
      TreeSet<String> statuses = new TreeSet<>();
      long in = 0;
      long written = 0;
      long quarantined = 0;
      for (Row f : files) {
        String file = f.getAs("source_file");
        if (!file.startsWith(prefix)) {
          continue;
        }
        statuses.add(f.<String>getAs("status"));
        long fileIn = f.getAs("rows_in");
        long fileWritten = f.getAs("rows_written");
        long fileQuarantined = f.getAs("rows_quarantined");
        long outOfScope = f.getAs("rows_out_of_scope");
        long superseded =
            f.getAs("rows_superseded") == null ? 0L : f.<Long>getAs("rows_superseded");
        in += fileIn;
        written += fileWritten;
        quarantined += fileQuarantined;
        if ("WRITTEN".equals(f.getAs("status"))) {
          if (fileIn != fileWritten + fileQuarantined + outOfScope + superseded) {
            mismatches.add(c[0] + "/" + c[1] + ": rows lost in " + file);
          }
          BigDecimal accounted =
              money(f, "cost_written")
                  .add(money(f, "cost_quarantined"))
                  .add(money(f, "cost_out_of_scope"))
                  .add(money(f, "cost_superseded"));
          if (money(f, "cost_in").compareTo(accounted) != 0) {
            mismatches.add(c[0] + "/" + c[1] + ": cost lost in " + file);
          }
        } else if (f.<String>getAs("message") == null) {
          mismatches.add(c[0] + "/" + c[1] + ": " + file + " failed without saying why");
        }
      }
      TreeSet<String> reasons = new TreeSet<>();
      for (Row q : quarantine) {
        if (q.<String>getAs("source_file").startsWith(prefix)) {
          reasons.add(q.<String>getAs("reason_code"));
        }
      }
      if (c[2].equals("FAILED") && written(lines, prefix) > 0) {
        mismatches.add(c[0] + "/" + c[1] + ": a failed case wrote rows to cost_line_items");
      }
      String status = String.join(",", statuses);
      String reasonList = String.join(",", reasons);
      report.append(
          String.format(
              Locale.ROOT,
              "%-6s %-28s %-8s %5d %5d %5d  %s%n",
              c[0],
              c[1],
              status,
              in,
              written,
              quarantined,
              reasonList));
      List<String> wrong = new ArrayList<>();
      if (!c[2].equals(status)) {
        wrong.add("status " + status + " (expected " + c[2] + ")");
      }
      if (!c[3].isEmpty() && Long.parseLong(c[3]) != in) {
        wrong.add("rows in " + in + " (expected " + c[3] + ")");
      }
      if (Long.parseLong(c[4]) != written) {
        wrong.add("written " + written + " (expected " + c[4] + ")");
      }
      if (Long.parseLong(c[5]) != quarantined) {
        wrong.add("quarantined " + quarantined + " (expected " + c[5] + ")");
      }
      if (!c[6].equals(reasonList)) {
        wrong.add("reasons [" + reasonList + "] (expected [" + c[6] + "])");
      }
      if (c[2].equals("WRITTEN")) {
        wrong.addAll(fromTheBytes(c, prefix, files, quarantine));
      }
      if (!wrong.isEmpty()) {
        mismatches.add(c[0] + "/" + c[1] + " (" + c[7] + "): " + String.join("; ", wrong));
      }
    }
    report.append(cases.size()).append(" cases\n");
    System.out.print(report);
    assertEquals(List.of(), mismatches, report + "\n" + runs);
  }

  /**
   * The case as build.py counted it from the stored bytes (its data lines, and its billed cost per
   * currency summed exactly by Python's own readers) against where costlake says each went: every
   * line is in a written row, an out-of-scope or superseded row, or a quarantine row (a record of
   * several lines names them), and every amount is written, quarantined or out of scope, with what
   * rounding to the table's scale added reported in ingest_runs.cost_rounding.
   */
  private static List<String> fromTheBytes(
      String[] c, String prefix, List<Row> files, List<Row> quarantine) {
    long linesAccounted = Long.parseLong(c[9]);
    Map<String, BigDecimal> cost = new java.util.TreeMap<>();
    for (Row f : files) {
      if (!f.<String>getAs("source_file").startsWith(prefix)) {
        continue;
      }
      linesAccounted +=
          f.<Long>getAs("rows_written")
              + f.<Long>getAs("rows_out_of_scope")
              + (f.getAs("rows_superseded") == null ? 0L : f.<Long>getAs("rows_superseded"));
      String currency = f.getAs("billing_currency");
      BigDecimal accounted =
          money(f, "cost_written")
              .add(money(f, "cost_quarantined"))
              .add(money(f, "cost_out_of_scope"))
              .add(money(f, "cost_superseded"))
              .subtract(money(f, "cost_rounding"));
      cost.merge(String.valueOf(currency), accounted, BigDecimal::add);
    }
    for (Row q : quarantine) {
      if (q.<String>getAs("source_file").startsWith(prefix) && q.getAs("source_row") != null) {
        linesAccounted += linesOf(q.getAs("reason"));
      }
    }
    List<String> wrong = new ArrayList<>();
    if (linesAccounted != Long.parseLong(c[8])) {
      wrong.add(c[8] + " data lines in the bytes, " + linesAccounted + " accounted for");
    }
    Map<String, BigDecimal> expected = new java.util.TreeMap<>();
    for (String part : c[10].isEmpty() ? new String[0] : c[10].split(";")) {
      String[] currencyAmount = part.split(" ");
      expected.put(currencyAmount[0], new BigDecimal(currencyAmount[1]));
    }
    cost.values().removeIf(v -> v.signum() == 0);
    if (!sameAmounts(expected, cost)) {
      wrong.add("billed " + expected + " in the bytes, " + cost + " accounted for");
    }
    return wrong;
  }

  private static boolean sameAmounts(Map<String, BigDecimal> a, Map<String, BigDecimal> b) {
    if (!a.keySet().equals(b.keySet())) {
      return false;
    }
    return a.entrySet().stream().allMatch(e -> e.getValue().compareTo(b.get(e.getKey())) == 0);
  }

  /** The lines a quarantined record spans: "lines a-b" in its reason, else one. */
  private static long linesOf(String reason) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("lines (\\d+)-(\\d+)")
            .matcher(reason == null ? "" : reason);
    return m.find() ? Long.parseLong(m.group(2)) - Long.parseLong(m.group(1)) + 1 : 1;
  }

  private static BigDecimal money(Row file, String column) {
    BigDecimal value = file.getAs(column);
    return value == null ? BigDecimal.ZERO : value;
  }

  private static long written(Dataset<Row> lines, String prefix) {
    return lines.filter(functions.col("x_SourceFile").startsWith(prefix)).count();
  }

  private static Path corpus() {
    try {
      return Paths.get(ITCorpus.class.getResource("/corpus/cases.tsv").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
