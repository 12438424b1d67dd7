package io.costlake.it;

import io.costlake.jobs.Main;
import io.costlake.testing.TestSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs the real entry point in-process (sharing the test SparkSession) and keeps what it printed.
 */
final class Cli {
  final int exitCode;
  final String out;
  final String err;

  private Cli(int exitCode, String out, String err) {
    this.exitCode = exitCode;
    this.out = out;
    this.err = err;
  }

  /** {@code costlake <args>} with the test config (local[2], 2 shuffle partitions). */
  static Cli run(String... args) {
    TestSpark.session();
    List<String> all = new ArrayList<>(Arrays.asList(args));
    if (all.size() > 1 && !all.contains("--help") && !all.contains("--conf")) {
      all.add("--conf");
      all.add(testConf().toString());
    }
    return raw(all.toArray(new String[0]));
  }

  /** {@code costlake sql --format csv QUERY} against {@code warehouse}. */
  static Cli sqlCsv(String warehouse, String query) {
    return run("sql", "--warehouse", warehouse, "--format", "csv", query);
  }

  /** Exactly the given arguments. */
  static Cli raw(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = new Main().run(Arrays.asList(args), o, e);
    }
    return new Cli(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Path testConf() {
    try {
      return Paths.get(Cli.class.getResource("/costlake-test.yaml").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The error output is one line, without a stack trace. */
  boolean oneLineError() {
    String trimmed = err.strip();
    return !trimmed.isEmpty() && !trimmed.contains("\n") && !trimmed.contains("\tat ");
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
  }
}
