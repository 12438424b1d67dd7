package io.costlake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * airflow/costlake_dag.py, loaded by python3 against a stub of Airflow's API (Airflow itself is a
 * large install with a database, out of this build's reach) as Airflow 2 and as Airflow 3. The stub
 * is strict: DAG(...) and every operator accept only the arguments the real classes accept
 * (signatures.json, copied from their source with the versions named), so a misspelt argument fails
 * to load. For each runner every task must run a costlake job that exists, with options that job
 * accepts, the billing period of the run, and the pipeline's order; and take the pool, a timeout
 * and the failure callback; the sensors and cloud jobs wait deferrably.
 */
class ITAirflowDag {
  private static final Path DAG = Path.of("..", "airflow", "costlake_dag.py");
  private static final String PERIOD_TEMPLATE =
      "{{ (data_interval_start or dag_run.run_after).strftime('%Y-%m') }}";
  private static final List<String> ORDER = CommandLines.DOWNSTREAM;
  private static final List<String> RUNNERS =
      List.of("spark_submit", "emr", "emr_serverless", "dataproc", "dataproc_batch");

  @ParameterizedTest
  @CsvSource({
    "spark_submit,2,false",
    "spark_submit,3,false",
    "spark_submit,3,true",
    "emr,2,false",
    "emr,3,true",
    "emr_serverless,3,false",
    "dataproc,2,true",
    "dataproc,3,false",
    "dataproc_batch,3,false",
    "dataproc_batch,2,true"
  })
  void everyTaskRunsAnExistingJobWithItsOptionsAndThePeriod(
      String runner, int airflow, boolean taskPerJob) throws Exception {
    Map<String, JsonNode> tasks =
        render(DAG, runner, airflow, Map.of("COSTLAKE_TASK_PER_JOB", Boolean.toString(taskPerJob)))
            .get("costlake");
    List<String> jobsRun = new ArrayList<>();
    for (JsonNode task : tasks.values()) {
      // Every task, sensors included: the shared pool, a timeout, retries, the failure hook.
      JsonNode defaults = task.get("defaults");
      assertEquals("costlake", defaults.get("pool").asText(), task.toString());
      assertEquals(10800.0, defaults.get("execution_timeout").asDouble(), task.toString());
      assertEquals("on_failure", defaults.get("on_failure_callback").asText(), task.toString());
      if (task.get("args").isNull()) {
        assertTrue(task.get("kwargs").get("deferrable").asBoolean(), "a deferrable sensor");
        continue;
      }
      assertEquals(CommandLines.mainClass(), task.get("main_class").asText(), task.toString());
      List<String> args = new ArrayList<>();
      task.get("args").forEach(a -> args.add(a.asText()));
      jobsRun.add(CommandLines.check(args, PERIOD_TEMPLATE, runner + " task " + task));
      if (!runner.equals("spark_submit") && !runner.equals("emr")) {
        assertTrue(task.get("kwargs").get("deferrable").asBoolean(), task.toString());
      }
    }
    // By default the jobs after the ingests run in one application (pipeline), then the tables
    // are checked against the ingest audit (verify), then catalog, then the alerts go out.
    List<String> order =
        new ArrayList<>(
            taskPerJob
                ? ORDER.subList(0, ORDER.size() - 1)
                : CommandLines.SCHEDULE.subList(3, CommandLines.SCHEDULE.size() - 1));
    order.addAll(List.of("verify", "catalog", "notify"));
    List<String> expected = new ArrayList<>(List.of("ingest", "ingest", "ingest"));
    expected.addAll(order);
    assertEquals(expected, jobsRun);
    assertTrue(
        tasks.values().iterator().next().get("dag_kwargs").toString().contains("doc_md"),
        "the DAG documents itself");

    // Each downstream job waits for the one before it (for EMR: for its step sensor), and the
    // first for every ingest.
    for (int i = 0; i < order.size(); i++) {
      List<String> upstream = upstreamJobs(tasks, order.get(i));
      List<String> want =
          i == 0 ? List.of("ingest_aws", "ingest_gcp", "ingest_azure") : List.of(order.get(i - 1));
      assertEquals(want, upstream, order.get(i) + " under " + runner);
    }
  }

  @Test
  void thePeriodIsTheRunsMonthAndAnAirflow3ManualRunTakesTheMonthItRunsIn() throws Exception {
    JsonNode scheduled =
        render(DAG, "spark_submit", 2, Map.of("STUB_DATA_INTERVAL_START", "2025-03-31"))
            .get("costlake")
            .get("pipeline");
    assertEquals("2025-03", period(scheduled.get("rendered_args")));
    JsonNode manual =
        render(
                DAG,
                "dataproc_batch",
                3,
                Map.of("STUB_DATA_INTERVAL_START", "none", "STUB_RUN_AFTER", "2025-12-02T10:00"))
            .get("costlake")
            .get("pipeline");
    assertEquals("2025-12", period(manual.get("rendered_args")));
    assertEquals(
        "costlake-pipeline-202512-1", manual.get("kwargs").get("batch_id").asText(), "batch id");
  }

  @Test
  void aMisspeltOperatorOrDagArgumentFailsToLoad() throws Exception {
    String dag = Files.readString(DAG);
    for (String[] mistake :
        new String[][] {
          {"java_class=MAIN_CLASS", "java_clas=MAIN_CLASS"},
          {"deferrable=True,\n        poke_interval", "deferable=True,\n        poke_interval"},
          {
            "polling_interval_seconds=30,\n    )\n    return task, task\n\n\nTASKS",
            "polling_interval=30,\n    )\n    return task, task\n\n\nTASKS"
          },
          {"\"execution_timeout\": TASK_TIMEOUT", "\"execution_timout\": TASK_TIMEOUT"},
          {"max_active_runs=1,  # one", "max_active_run=1,  # one"},
          {"schedule=\"@daily\"", "schedule_interval=\"@daily\""},
        }) {
      assertTrue(dag.contains(mistake[0]), "the DAG no longer holds " + mistake[0]);
      Path broken = Files.createTempFile("costlake_dag", ".py");
      Files.writeString(broken, dag.replace(mistake[0], mistake[1]));
      boolean failedSomewhere = false;
      for (String runner : RUNNERS) {
        Result result = run(broken, runner, 3, Map.of());
        if (result.exitCode != 0) {
          failedSomewhere = true;
          assertTrue(result.out.contains("Invalid arguments"), result.out);
        }
      }
      assertTrue(failedSomewhere, "the stub accepted " + mistake[1]);
    }
  }

  @ParameterizedTest
  @CsvSource({"spark_submit,2", "emr,3", "dataproc,3", "emr_serverless,2", "dataproc_batch,2"})
  void theCatchUpIngestsEveryPeriodThenComputesTheStaleOnes(String runner, int airflow)
      throws Exception {
    Map<String, JsonNode> tasks = render(DAG, runner, airflow, Map.of()).get("costlake_catchup");
    List<String> jobsRun = new ArrayList<>();
    for (JsonNode task : tasks.values()) {
      assertEquals("0 4 * * 0", task.get("schedule").asText(), task.toString());
      assertEquals("costlake", task.get("defaults").get("pool").asText(), task.toString());
      if (!task.get("args").isNull()) {
        List<String> args = new ArrayList<>();
        task.get("args").forEach(a -> args.add(a.asText()));
        jobsRun.add(CommandLines.checkWithoutPeriod(args, runner + " catch-up task " + task));
      }
    }
    assertEquals(List.of("ingest", "ingest", "ingest", "pipeline", "verify"), jobsRun);
    assertEquals(
        List.of("ingest_aws", "ingest_gcp", "ingest_azure"), upstreamJobs(tasks, "pipeline"));
    assertEquals(List.of("pipeline"), upstreamJobs(tasks, "verify"));
  }

  @Test
  void theCatchUpScheduleIsSetOrTurnedOff() throws Exception {
    Map<String, Map<String, JsonNode>> dags =
        render(DAG, "spark_submit", 3, Map.of("COSTLAKE_CATCHUP_SCHEDULE", "0 5 1-7 * *"));
    assertEquals(
        "0 5 1-7 * *", dags.get("costlake_catchup").get("pipeline").get("schedule").asText());
    assertEquals(
        List.of("costlake"),
        new ArrayList<>(
            render(DAG, "spark_submit", 3, Map.of("COSTLAKE_CATCHUP_SCHEDULE", "off")).keySet()));
  }

  @Test
  void anUnknownRunnerIsRefused() throws Exception {
    Result result = run(DAG, "kubernetes", 3, Map.of());
    assertNotEquals(0, result.exitCode);
    assertTrue(result.out.contains("COSTLAKE_RUNNER must be one of"), result.out);
  }

  private static String period(JsonNode args) {
    List<String> list = new ArrayList<>();
    args.forEach(a -> list.add(a.asText()));
    return list.get(list.indexOf("--period") + 1);
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

  /** Per DAG, its tasks by id; the file must load. */
  private static Map<String, Map<String, JsonNode>> render(
      Path dag, String runner, int airflow, Map<String, String> env) throws Exception {
    Result result = run(dag, runner, airflow, env);
    assertEquals(
        0, result.exitCode, "the DAG does not load under " + runner + ", Airflow " + airflow);
    Map<String, Map<String, JsonNode>> dags = new LinkedHashMap<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : result.out.split("\n")) {
      if (!line.isBlank()) {
        JsonNode task = json.readTree(line);
        dags.computeIfAbsent(task.get("dag_id").asText(), d -> new LinkedHashMap<>())
            .put(task.get("task_id").asText(), task);
      }
    }
    return dags;
  }

  private static final class Result {
    final int exitCode;
    final String out;

    Result(int exitCode, String out) {
      this.exitCode = exitCode;
      this.out = out;
    }
  }

  private static Result run(Path dag, String runner, int airflow, Map<String, String> env)
      throws IOException, InterruptedException, URISyntaxException {
    Path stub = Paths.get(ITAirflowDag.class.getResource("/airflow-stub").toURI());
    ProcessBuilder builder =
        new ProcessBuilder(
            "python3", stub.resolve("render_dag.py").toString(), dag.toAbsolutePath().toString());
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(k -> k.startsWith("COSTLAKE_") || k.startsWith("STUB_"));
    environment.put("PYTHONPATH", stub.toString());
    environment.put("COSTLAKE_RUNNER", runner);
    environment.put("AIRFLOW_STUB_MAJOR", Integer.toString(airflow));
    environment.putAll(env);
    builder.redirectErrorStream(true);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new AssertionError("python3 is needed to load the Airflow DAG: " + e.getMessage(), e);
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "python3 did not finish");
    return new Result(process.exitValue(), out);
  }
}
