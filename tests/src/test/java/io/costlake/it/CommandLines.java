package io.costlake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.jobs.Main;
import io.costlake.jobs.cli.ArgParser;
import io.costlake.jobs.cli.ParsedArgs;
import io.costlake.provider.Provider;
import java.util.ArrayList;
import java.util.List;

/** Checks a costlake command line written in a deployment file against the real CLI. */
final class CommandLines {
  private static final Main MAIN = new Main();

  /** The jobs after the ingests, in the order every spec and the DAG run them. */
  static final List<String> DOWNSTREAM =
      List.of(
          "validate",
          "amortize",
          "allocate",
          "chargeback",
          "reconcile",
          "anomalies",
          "report",
          "catalog");

  /**
   * One period's run as the EMR steps, the Dataproc workflow and the DAG ship it: an ingest per
   * provider, then pipeline (every job of {@link #DOWNSTREAM} but catalog, in one application),
   * then catalog.
   */
  static final List<String> SCHEDULE = List.of("ingest", "ingest", "ingest", "pipeline", "catalog");

  private CommandLines() {}

  /**
   * @param args the job and its arguments, as a cluster would pass them to {@link Main}
   * @param period what the file gives --period (a literal month, or a template)
   * @return the job
   */
  static String check(List<String> args, String period, String where) {
    assertTrue(!args.isEmpty(), "no arguments in " + where);
    List<String> options = new ArrayList<>(args.subList(1, args.size()));
    int at = options.indexOf("--period");
    assertTrue(at >= 0, "every job names its billing period explicitly: " + where);
    assertEquals(period, options.get(at + 1), where);
    options.set(at + 1, "2025-10");
    assertEquals(
        "2025-10",
        parse(args.get(0), options, where).period("--period").map(String::valueOf).orElseThrow());
    return args.get(0);
  }

  /** As {@link #check}, for a command line that must name no period (a catch-up run). */
  static String checkWithoutPeriod(List<String> args, String where) {
    assertTrue(!args.isEmpty(), "no arguments in " + where);
    List<String> options = args.subList(1, args.size());
    assertTrue(!options.contains("--period"), "a catch-up names no period: " + where);
    parse(args.get(0), options, where);
    return args.get(0);
  }

  private static ParsedArgs parse(String job, List<String> options, String where) {
    assertTrue(MAIN.jobs().containsKey(job), "no costlake job '" + job + "' in " + where);
    // Throws the CLI's own usage error for an option the job does not have.
    ParsedArgs parsed = ArgParser.parse(MAIN.jobs().get(job).spec(), options);
    parsed.value("--provider").ifPresent(Provider::of);
    assertTrue(parsed.value("--warehouse").isPresent(), "no --warehouse in " + where);
    return parsed;
  }

  static String mainClass() {
    return Main.class.getName();
  }
}
