package io.costlake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.costlake.config.ConfigLoader;
import io.costlake.config.CostlakeConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The cluster specs in conf/cluster/ (EMR steps and serverless driver, Dataproc workflow template
 * and batches, spark-defaults): each parses, runs costlake's main class, and every command line in
 * it is one the CLI accepts, so a renamed job or option cannot leave them behind.
 */
class ITClusterSpecs {
  private static final Path CLUSTER = Path.of("..", "conf", "cluster");
  private static final List<String> SCHEDULE = CommandLines.SCHEDULE;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void emrStepsRunThePipelineOfOnePeriod() throws IOException {
    List<String> jobs = new ArrayList<>();
    for (JsonNode step : JSON.readTree(CLUSTER.resolve("emr-7/steps.json").toFile())) {
      List<String> submit = strings(step.at("/HadoopJarStep/Args"));
      assertEquals("spark-submit", submit.get(0));
      assertEquals(CommandLines.mainClass(), submit.get(submit.indexOf("--class") + 1));
      int jar = indexOfJar(submit);
      jobs.add(CommandLines.check(submit.subList(jar + 1, submit.size()), "2025-10", "" + step));
    }
    assertEquals(SCHEDULE, jobs);
  }

  @Test
  void theEmrServerlessDriverRunsAJob() throws IOException {
    JsonNode submit =
        JSON.readTree(CLUSTER.resolve("emr-7/serverless-job-driver.json").toFile())
            .get("sparkSubmit");
    assertTrue(submit.get("entryPoint").asText().endsWith(".jar"));
    assertTrue(
        submit
            .get("sparkSubmitParameters")
            .asText()
            .contains("--class " + CommandLines.mainClass()));
    CommandLines.check(strings(submit.get("entryPointArguments")), "2025-10", "serverless driver");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theDataprocWorkflowRunsEveryJobInOrderWithThePeriodAsItsParameter() throws IOException {
    Map<String, Object> template;
    try (Reader in =
        Files.newBufferedReader(CLUSTER.resolve("dataproc-2.2/workflow-template.yaml"))) {
      template = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
    }
    List<Map<String, Object>> steps = (List<Map<String, Object>>) template.get("jobs");
    List<String> jobs = new ArrayList<>();
    String previous = null;
    for (Map<String, Object> step : steps) {
      Map<String, Object> spark = (Map<String, Object>) step.get("sparkJob");
      assertEquals(CommandLines.mainClass(), spark.get("mainClass"));
      String job =
          CommandLines.check((List<String>) spark.get("args"), "2025-10", "" + step.get("stepId"));
      List<String> prerequisites =
          (List<String>) step.getOrDefault("prerequisiteStepIds", List.of());
      if (job.equals("ingest")) {
        assertEquals(List.of(), prerequisites);
      } else if (job.equals("pipeline")) {
        assertEquals(List.of("ingest-aws", "ingest-gcp", "ingest-azure"), prerequisites);
      } else {
        assertEquals(List.of(previous), prerequisites, "" + step.get("stepId"));
      }
      previous = (String) step.get("stepId");
      jobs.add(job);
    }
    assertEquals(SCHEDULE, jobs);
    // The PERIOD parameter replaces exactly each job's --period value.
    Map<String, Object> parameter = ((List<Map<String, Object>>) template.get("parameters")).get(0);
    List<String> fields = (List<String>) parameter.get("fields");
    assertEquals(steps.size(), fields.size());
    for (String field : fields) {
      String stepId = field.substring(field.indexOf("['") + 2, field.indexOf("']"));
      int index = Integer.parseInt(field.substring(field.lastIndexOf('[') + 1, field.length() - 1));
      Map<String, Object> step =
          steps.stream().filter(s -> stepId.equals(s.get("stepId"))).findFirst().orElseThrow();
      List<String> args = (List<String>) ((Map<String, Object>) step.get("sparkJob")).get("args");
      assertEquals("--period", args.get(index - 1), field);
    }
  }

  @Test
  void thereIsADataprocBatchForEveryPipelineJob() throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(CLUSTER.resolve("dataproc-2.2/batches"))) {
      files = list.sorted().collect(Collectors.toList());
    }
    List<String> jobs = new ArrayList<>();
    for (Path file : files) {
      JsonNode body = JSON.readTree(file.toFile());
      // Serverless runtime 1.2 is Spark 3.5 on Scala 2.12, what the jar is built for (2.2 is 2.13).
      assertEquals("1.2", body.at("/runtimeConfig/version").asText(), file.toString());
      JsonNode batch = body.get("sparkBatch");
      assertEquals(CommandLines.mainClass(), batch.get("mainClass").asText(), file.toString());
      jobs.add(CommandLines.check(strings(batch.get("args")), "2025-10", file.toString()));
    }
    // A batch per job (building blocks for a schedule of one's own), and one for pipeline.
    List<String> expected = new ArrayList<>(List.of("ingest", "ingest", "ingest", "pipeline"));
    expected.addAll(CommandLines.DOWNSTREAM);
    assertEquals(
        expected.stream().sorted().collect(Collectors.toList()),
        jobs.stream().sorted().collect(Collectors.toList()));
  }

  @Test
  void bothSparkDefaultsLoadDeltaAndUseUtc() throws IOException {
    for (String cluster : List.of("emr-7", "dataproc-2.2")) {
      String text = Files.readString(CLUSTER.resolve(cluster).resolve("spark-defaults.conf"));
      for (String setting :
          List.of(
              "spark.sql.extensions\\s+io.delta.sql.DeltaSparkSessionExtension",
              "spark.sql.catalog.spark_catalog\\s+org.apache.spark.sql.delta.catalog.DeltaCatalog",
              "spark.sql.session.timeZone\\s+UTC",
              "spark.sql.adaptive.enabled\\s+true",
              "spark.sql.shuffle.partitions\\s+400",
              "spark.sql.catalogImplementation\\s+hive")) {
        assertTrue(text.lines().anyMatch(l -> l.matches(setting)), cluster + " lacks " + setting);
      }
      assertTrue(
          !text.toLowerCase().contains("secret.key") && !text.toLowerCase().contains("access.key"),
          "no credentials in " + cluster);
    }
  }

  @Test
  void everySpecReadsTheUploadedConfigFolderWhichLoadsWithEveryFileItNames() throws IOException {
    List<List<String>> commandLines = new ArrayList<>(DeploySpecs.emrSteps().values());
    commandLines.add(DeploySpecs.emrServerlessDriver());
    commandLines.addAll(DeploySpecs.dataprocWorkflowJobs().values());
    for (String job : SCHEDULE) {
      commandLines.add(DeploySpecs.dataprocBatch(job.equals("ingest") ? "ingest_aws" : job));
    }
    for (List<String> args : commandLines) {
      String conf = args.get(args.lastIndexOf("--conf") + 1);
      assertTrue(conf.matches("(s3|gs)://my-bucket/costlake/conf/costlake\\.yaml"), conf);
      assertTrue(!args.contains("--files"), "the config is read where it was uploaded: " + args);
    }
    // What the README uploads as that folder: the starter config, which loads as shipped.
    Path starter = Path.of("..", "conf", "templates", "costlake.yaml");
    CostlakeConfig config = ConfigLoader.load(List.of(starter), List.of());
    assertTrue(Files.isRegularFile(Path.of(config.tags().owner().accountsFile())));
    assertTrue(config.chargeback().profiles().isEmpty(), "no demo billing profile in the starter");
    assertTrue(config.budgets().isEmpty(), "no demo budget in the starter");
    assertEquals(List.of(), config.reconcile().invoicesFiles(), "no demo invoices in the starter");
  }

  private static int indexOfJar(List<String> submit) {
    for (int i = 0; i < submit.size(); i++) {
      if (submit.get(i).endsWith(".jar")) {
        return i;
      }
    }
    throw new AssertionError("no jar in " + submit);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }
}
