package io.costlake.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.config.SparkConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What costlake sets on its session, given what the cluster and the user already set. */
class SparkSettingsTest {
  private static final Map<String, String> CLUSTER =
      Map.of(
          "spark.master", "yarn",
          "spark.sql.shuffle.partitions", "400",
          "spark.serializer", "org.apache.spark.serializer.KryoSerializer",
          "spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension",
          "spark.sql.session.timeZone", "UTC");

  @Test
  void onAClusterTheClustersSettingsReachTheJobUnchanged() {
    SparkSettings plan = SparkSettings.plan(CLUSTER, SparkConfig.defaults());
    assertFalse(plan.setsMaster());
    for (String key : CLUSTER.keySet()) {
      assertFalse(
          plan.settings().containsKey(key) && !plan.settings().get(key).equals(CLUSTER.get(key)),
          key);
    }
    assertFalse(plan.settings().containsKey("spark.sql.shuffle.partitions"));
    assertFalse(plan.settings().containsKey("spark.ui.enabled"), "no local defaults on a cluster");
    assertEquals(List.of(), plan.warnings());
  }

  @Test
  void localModeGetsItsSmallDefaultsUnlessSomeoneSetThem() {
    SparkSettings plan = SparkSettings.plan(Map.of(), SparkConfig.defaults());
    assertTrue(plan.setsMaster());
    assertEquals("local[*]", plan.master());
    assertEquals("8", plan.settings().get("spark.sql.shuffle.partitions"));
    assertEquals("127.0.0.1", plan.settings().get("spark.driver.bindAddress"));

    SparkSettings submitted =
        SparkSettings.plan(
            Map.of("spark.master", "local[2]", "spark.sql.shuffle.partitions", "3"),
            SparkConfig.defaults());
    assertFalse(submitted.settings().containsKey("spark.sql.shuffle.partitions"));
  }

  @Test
  void theYamlWinsOverTheCluster() {
    SparkConfig yaml =
        new SparkConfig(
            "local[4]", null, 64, Map.of("spark.serializer", "org.example.MySerializer"));
    SparkSettings plan = SparkSettings.plan(CLUSTER, yaml);
    assertEquals("yarn", plan.master(), "spark-submit's master wins over the YAML's");
    assertEquals("64", plan.settings().get("spark.sql.shuffle.partitions"));
    assertEquals("org.example.MySerializer", plan.settings().get("spark.serializer"));

    SparkConfig settingsOnly =
        new SparkConfig(null, null, null, Map.of("spark.sql.shuffle.partitions", "32"));
    assertEquals(
        "32",
        SparkSettings.plan(CLUSTER, settingsOnly).settings().get("spark.sql.shuffle.partitions"));
  }

  @Test
  void requiredSettingsAreKeptAndAChangedOneIsNamed() {
    Map<String, String> cluster = new HashMap<>(CLUSTER);
    cluster.put("spark.sql.session.timeZone", "America/New_York");
    cluster.put(
        "spark.sql.extensions",
        "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions");
    SparkSettings plan = SparkSettings.plan(cluster, SparkConfig.defaults());
    assertEquals("UTC", plan.settings().get("spark.sql.session.timeZone"));
    assertEquals(
        "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions,"
            + SparkSettings.DELTA_EXTENSION,
        plan.settings().get("spark.sql.extensions"),
        "Delta's extension joins the ones given");
    assertEquals(1, plan.warnings().size(), plan.warnings().toString());
    assertTrue(plan.warnings().get(0).contains("America/New_York"), plan.warnings().toString());
    for (Map.Entry<String, String> required : SparkSettings.REQUIRED.entrySet()) {
      String effective =
          plan.settings().getOrDefault(required.getKey(), cluster.get(required.getKey()));
      assertEquals(required.getValue(), effective, required.getKey());
    }
  }
}
