package io.costlake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * airflow/costlake_dag.py, loaded by python3 against a stub of Airflow's API (the real one is a
 * large install with a database): for each runner it must load, and every task it builds must run a
 * costlake job that exists, with options that job accepts, the billing period of the run, and the
 * pipeline's order. The catch-up DAG names no period: its ingests read every period and its
 * pipeline computes the stale ones.
 */
class ITAirflowDag {
  private static final Path DAG = Path.of("..", "airflow", "costlake_dag.py");
  private static final String PERIOD_TEMPLATE = "{{ data_interval_start.strftime('%Y-%m') }}";
  private static final List<String> ORDER =
      List.of("validate", "amortize", "allocate", "chargeback", "reconcile", "anomalies", "report");

  @ParameterizedTest
  @ValueSource(strings = {"spark_submit", "emr", "dataproc"})
  void everyTaskRunsAnExistingJobWithItsOptionsAndThePeriod(String runner) throws Exception {
    Map<String, JsonNode> tasks = render(runner, null).get("costlake");
    List<String> jobsRun = new ArrayList<>();
    for (JsonNode task : tasks.values()) {
      if (task.get("args").isNull()) {
        continue; // a sensor
      }
      assertEquals(CommandLines.mainClass(), task.get("main_class").asText(), task.toString());
      List<String> args = new ArrayList<>();
      task.get("args").forEach(a -> args.add(a.asText()));
      jobsRun.add(CommandLines.check(args, PERIOD_TEMPLATE, runner + " task " + task));
    }
    List<String> expected = new ArrayList<>(List.of("ingest", "ingest", "ingest"));
    expected.addAll(ORDER);
    assertEquals(expected, jobsRun);

    // Each downstream job waits for the one before it (for EMR: for its step sensor), and
    // validate for every ingest.
    for (int i = 0; i < ORDER.size(); i++) {
      List<String> upstream = upstreamJobs(tasks, ORDER.get(i));
      List<String> want =
          i == 0 ? List.of("ingest_aws", "ingest_gcp", "ingest_azure") : List.of(ORDER.get(i - 1));
      assertEquals(want, upstream, ORDER.get(i) + " under " + runner);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"spark_submit", "emr", "dataproc"})
  void theCatchUpIngestsEveryPeriodThenComputesTheStaleOnes(String runner) throws Exception {
    Map<String, JsonNode> tasks = render(runner, null).get("costlake_catchup");
    List<String> jobsRun = new ArrayList<>();
    for (JsonNode task : tasks.values()) {
      assertEquals("0 4 * * 0", task.get("schedule").asText(), task.toString());
      if (!task.get("args").isNull()) {
        List<String> args = new ArrayList<>();
        task.get("args").forEach(a -> args.add(a.asText()));
        jobsRun.add(CommandLines.checkWithoutPeriod(args, runner + " catch-up task " + task));
      }
    }
    assertEquals(List.of("ingest", "ingest", "ingest", "pipeline"), jobsRun);
    assertEquals(
        List.of("ingest_aws", "ingest_gcp", "ingest_azure"), upstreamJobs(tasks, "pipeline"));
  }

  @Test
  void theCatchUpScheduleIsSetOrTurnedOff() throws Exception {
    Map<String, Map<String, JsonNode>> dags = render("spark_submit", "0 5 1-7 * *");
    assertEquals(
        "0 5 1-7 * *", dags.get("costlake_catchup").get("pipeline").get("schedule").asText());
    assertEquals(List.of("costlake"), new ArrayList<>(render("spark_submit", "off").keySet()));
  }

  /** The costlake tasks a task waits for, seeing through EMR's step sensors. */
  private static List<String> upstreamJobs(Map<String, JsonNode> tasks, String taskId) {
    List<String> out = new ArrayList<>();
    for (JsonNode up : tasks.get(taskId).get("upstream")) {
      String id = up.asText();
      out.add(id.endsWith("_done") ? id.substring(0, id.length() - "_done".length()) : id);
    }
    return out;
  }

  /** Per DAG, its tasks by id. {@code catchUpSchedule} null keeps the file's default. */
  private static Map<String, Map<String, JsonNode>> render(String runner, String catchUpSchedule)
      throws IOException, InterruptedException, URISyntaxException {
    Path stub = Paths.get(ITAirflowDag.class.getResource("/airflow-stub").toURI());
    ProcessBuilder builder =
        new ProcessBuilder(
            "python3", stub.resolve("render_dag.py").toString(), DAG.toAbsolutePath().toString());
    builder.environment().put("PYTHONPATH", stub.toString());
    builder.environment().put("COSTLAKE_RUNNER", runner);
    builder.environment().remove("COSTLAKE_CATCHUP_SCHEDULE");
    if (catchUpSchedule != null) {
      builder.environment().put("COSTLAKE_CATCHUP_SCHEDULE", catchUpSchedule);
    }
    builder.redirectErrorStream(true);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new AssertionError("python3 is needed to load the Airflow DAG: " + e.getMessage(), e);
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "python3 did not finish");
    assertEquals(0, process.exitValue(), "the DAG does not load under " + runner + ":\n" + out);
    Map<String, Map<String, JsonNode>> dags = new LinkedHashMap<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        JsonNode task = json.readTree(line);
        dags.computeIfAbsent(task.get("dag_id").asText(), d -> new LinkedHashMap<>())
            .put(task.get("task_id").asText(), task);
      }
    }
    return dags;
  }
}
