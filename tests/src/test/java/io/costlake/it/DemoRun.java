package io.costlake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One demo run per test JVM, with the shipped config, shared by the tests that read its tables: it
 * takes minutes, and every IT class runs in the same JVM. Its folder is tests/target/demo.
 */
final class DemoRun {
  /** What ./costlake demo reads: the shipped config, with its tag policy and allocation rules. */
  static final String SHIPPED_CONF = Path.of("..", "conf", "costlake.yaml").toString();

  private static DemoRun run;

  final Path dir;
  final String warehouse;
  final String input;
  final Path report;
  final Cli demo;

  private DemoRun(Path dir) {
    this.dir = dir;
    this.warehouse = Fixtures.uri(dir.resolve("warehouse"));
    this.input = dir.resolve("demo-data").toString();
    this.report = dir.resolve("report");
    this.demo = demo();
    assertEquals(0, demo.exitCode, demo.toString());
  }

  static synchronized DemoRun get() {
    if (run == null) {
      try {
        // Kept under target/ (mvn clean removes it): .ci/run then asks its tables through the
        // ./costlake launcher, and a failed run leaves them to look at.
        Path dir = Path.of("target", "demo").toAbsolutePath();
        Fixtures.deleteRecursively(dir);
        Files.createDirectories(dir);
        run = new DemoRun(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return run;
  }

  /** The demo with the shipped config and 3,000 generated rows, into this run's folder. */
  Cli demo() {
    return Cli.run(
        "demo",
        "--warehouse",
        warehouse,
        "--conf",
        SHIPPED_CONF,
        "--conf",
        Cli.testConf().toString(),
        "--set",
        "demo.inputDir=" + input,
        "--set",
        "demo.reportDir=" + report,
        "--set",
        "demo.rows=3000");
  }
}
