package io.costlake.spark;

import io.costlake.config.SparkConfig;
import io.costlake.errors.CostlakeErrors;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Builds the one SparkSession a costlake process uses. Under spark-submit the cluster's settings
 * (master, deploy mode, resources, spark-defaults.conf, --conf) reach the job unchanged; costlake
 * adds only what its results depend on ({@link SparkSettings#REQUIRED}) and, in local mode, its
 * small defaults. The order is written once, in {@link SparkSettings}.
 */
public final class SparkSessions {
  private static final Logger LOG = LoggerFactory.getLogger(SparkSessions.class);
  private static final String HIVE_SESSION = "org.apache.spark.sql.hive.HiveSessionStateBuilder";

  private SparkSessions() {}

  public static SparkSession getOrCreate(SparkConfig config) {
    Map<String, String> submitted = submitted();
    SparkSettings plan = SparkSettings.plan(submitted, config);
    SparkSession.Builder builder = SparkSession.builder();
    String appName = submitted.get("spark.app.name");
    // spark-submit names an application after its main class unless told otherwise (--name).
    if (appName == null || appName.startsWith("io.costlake.")) {
      builder.appName(config.appName());
    }
    if (plan.setsMaster()) {
      builder.master(plan.master());
    }
    for (Map.Entry<String, String> setting : plan.settings().entrySet()) {
      builder.config(setting.getKey(), setting.getValue());
    }
    String catalog =
        plan.settings()
            .getOrDefault(
                "spark.sql.catalogImplementation",
                submitted.getOrDefault("spark.sql.catalogImplementation", "in-memory"));
    if (catalog.equals("hive") && !onClasspath(HIVE_SESSION)) {
      throw CostlakeErrors.invalidArgument(
          "spark.sql.catalogImplementation=hive",
          "Spark's Hive support (spark-hive) is not on the classpath; clusters with a metastore"
              + " provide it");
    }
    for (String warning : plan.warnings()) {
      LOG.warn(warning);
    }
    return builder.getOrCreate();
  }

  /**
   * The Hadoop configuration that spark-submit's settings ({@code spark.hadoop.*} of
   * spark-defaults.conf and --conf) describe, for what costlake reads before Spark starts: its
   * config files on object storage.
   */
  public static Configuration submittedHadoopConf() {
    Configuration conf = new Configuration();
    for (Map.Entry<String, String> setting : submitted().entrySet()) {
      if (setting.getKey().startsWith("spark.hadoop.")) {
        conf.set(setting.getKey().substring("spark.hadoop.".length()), setting.getValue());
      }
    }
    return conf;
  }

  /** What spark-submit handed the process (its system properties), as a map. */
  private static Map<String, String> submitted() {
    Map<String, String> submitted = new HashMap<>();
    for (Tuple2<String, String> setting : new SparkConf().getAll()) {
      submitted.put(setting._1(), setting._2());
    }
    return submitted;
  }

  /** Whether the class is there to load, without loading it. */
  public static boolean onClasspath(String className) {
    try {
      Class.forName(className, false, SparkSessions.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
