package io.costlake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * {@code costlake validate} on what costlake writes: every rule it reports broken on the generated
 * exports of the three clouds is one the README explains, so a new failure cannot slip in unseen.
 */
// On the shared demo (a second demo of its own cost this test four minutes of CI): its readers run
// one after another on one thread, beside the other ITs.
@Execution(ExecutionMode.SAME_THREAD)
class ITConformance {
  @Test
  void everyRuleOurOutputBreaksIsExplainedInTheReadme() throws IOException {
    String warehouse = DemoRun.get().warehouse;
    Cli validate = Cli.run("validate", "--warehouse", warehouse);
    assertEquals(0, validate.exitCode, validate.toString());
    assertTrue(validate.out.contains("621 rules"), validate.out);

    List<Row> rules =
        TestSpark.session()
            .read()
            .format("delta")
            .load(warehouse + "/focus_conformance")
            .collectAsList();
    assertEquals(621, rules.size(), "one row per rule of the model");
    String readme = Files.readString(readme());
    List<String> unexplained =
        rules.stream()
            .filter(r -> List.of("FAIL", "WARN").contains(r.<String>getAs("status")))
            .filter(r -> !"Composite".equals(r.getAs("rule_function")))
            .map(r -> r.<String>getAs("rule_id"))
            .filter(id -> !readme.contains(id))
            .collect(Collectors.toList());
    assertEquals(List.of(), unexplained, "rules broken by costlake's output but not in the README");

    Cli strict = Cli.run("validate", "--warehouse", warehouse, "--provider", "gcp", "--strict");
    assertEquals(1, strict.exitCode, strict.toString());
    assertTrue(strict.err.contains("MUST rules of FOCUS"), strict.err);
  }

  private static Path readme() {
    return Path.of("..", "README.md");
  }
}
