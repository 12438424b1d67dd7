package io.costlake.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The spark-submit command lines the shipped specs in conf/cluster/ stand for, read from the files
 * as they are: what EMR's command-runner, EMR Serverless, the Dataproc agent and Dataproc
 * Serverless hand to spark-submit. Each list is what follows the word {@code spark-submit}.
 */
final class DeploySpecs {
  static final Path CLUSTER = Path.of("..", "conf", "cluster");
  private static final ObjectMapper JSON = new ObjectMapper();

  private DeploySpecs() {}

  /**
   * EMR steps by name: a step's Args after {@code spark-submit}, as command-runner.jar runs them.
   */
  static Map<String, List<String>> emrSteps() throws IOException {
    Map<String, List<String>> steps = new LinkedHashMap<>();
    for (JsonNode step : JSON.readTree(CLUSTER.resolve("emr-7/steps.json").toFile())) {
      List<String> args = strings(step.at("/HadoopJarStep/Args"));
      if (!"command-runner.jar".equals(step.at("/HadoopJarStep/Jar").asText())
          || !args.get(0).equals("spark-submit")) {
        throw new AssertionError("not a spark-submit step: " + step);
      }
      steps.put(step.get("Name").asText(), args.subList(1, args.size()));
    }
    return steps;
  }

  /** The EMR Serverless job driver: sparkSubmitParameters, the entry point, its arguments. */
  static List<String> emrServerlessDriver() throws IOException {
    JsonNode submit =
        JSON.readTree(CLUSTER.resolve("emr-7/serverless-job-driver.json").toFile())
            .get("sparkSubmit");
    List<String> args =
        new ArrayList<>(List.of(submit.get("sparkSubmitParameters").asText().trim().split("\\s+")));
    args.add(submit.get("entryPoint").asText());
    args.addAll(strings(submit.get("entryPointArguments")));
    return args;
  }

  /** The Dataproc workflow template's jobs by step id. */
  @SuppressWarnings("unchecked")
  static Map<String, List<String>> dataprocWorkflowJobs() throws IOException {
    Map<String, Object> template;
    try (Reader in =
        Files.newBufferedReader(CLUSTER.resolve("dataproc-2.2/workflow-template.yaml"))) {
      template = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
    }
    Map<String, List<String>> jobs = new LinkedHashMap<>();
    for (Map<String, Object> step : (List<Map<String, Object>>) template.get("jobs")) {
      Map<String, Object> job = (Map<String, Object>) step.get("sparkJob");
      jobs.put(
          (String) step.get("stepId"),
          dataprocSubmit(
              (String) job.get("mainClass"),
              (List<String>) job.get("jarFileUris"),
              (List<String>) job.getOrDefault("fileUris", List.of()),
              (Map<String, Object>) job.getOrDefault("properties", Map.of()),
              (List<String>) job.get("args")));
    }
    return jobs;
  }

  /** A Dataproc Serverless batch body (batches/<job>.json). */
  static List<String> dataprocBatch(String job) throws IOException {
    JsonNode batch =
        JSON.readTree(CLUSTER.resolve("dataproc-2.2/batches/" + job + ".json").toFile());
    JsonNode spark = batch.get("sparkBatch");
    Map<String, Object> properties = new LinkedHashMap<>();
    JsonNode given = batch.at("/runtimeConfig/properties");
    if (!given.isMissingNode()) {
      given.fields().forEachRemaining(e -> properties.put(e.getKey(), e.getValue().asText()));
    }
    return dataprocSubmit(
        spark.get("mainClass").asText(),
        strings(spark.get("jarFileUris")),
        spark.has("fileUris") ? strings(spark.get("fileUris")) : List.of(),
        properties,
        strings(spark.get("args")));
  }

  /**
   * What Dataproc runs for a Spark job with a main class: the jars on the classpath (the first as
   * the application), the files beside the driver, the properties as --conf.
   */
  private static List<String> dataprocSubmit(
      String mainClass,
      List<String> jars,
      List<String> files,
      Map<String, Object> properties,
      List<String> args) {
    List<String> submit = new ArrayList<>(List.of("--class", mainClass));
    for (Map.Entry<String, Object> property : properties.entrySet()) {
      submit.add("--conf");
      submit.add(property.getKey() + "=" + property.getValue());
    }
    if (!files.isEmpty()) {
      submit.add("--files");
      submit.add(String.join(",", files));
    }
    if (jars.size() > 1) {
      submit.add("--jars");
      submit.add(String.join(",", jars.subList(1, jars.size())));
    }
    submit.add(jars.get(0));
    submit.addAll(args);
    return submit;
  }

  /** The key and value of each setting of a spark-defaults.conf. */
  static Map<String, String> sparkDefaults(String cluster) throws IOException {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String line :
        Files.readAllLines(CLUSTER.resolve(cluster).resolve("spark-defaults.conf"))) {
      String trimmed = line.trim();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String[] parts = trimmed.split("\\s+", 2);
      settings.put(parts[0], parts.length > 1 ? parts[1].trim() : "");
    }
    return settings;
  }

  static List<String> sparkDefaultsLines(String cluster) throws IOException {
    return Files.readAllLines(CLUSTER.resolve(cluster).resolve("spark-defaults.conf"));
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }
}
