package io.costlake.it;

import static io.costlake.testing.Money.assertMoney;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * {@code costlake share} on the demo's tables: a copy for wider audiences in which no resource id
 * and no value of a sensitive tag key can be read, yet every total and every grouping is the same.
 */
@Execution(ExecutionMode.SAME_THREAD) // a reader of the shared demo run, see ITDemo
class ITShare {
  private static final String KEY = "planted-share-key-3f9c1e";

  @TempDir Path dir;

  private Cli share(String warehouse, String to, String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "share",
                "--warehouse",
                warehouse,
                "--to",
                to,
                "--conf",
                DemoRun.SHIPPED_CONF,
                "--conf",
                Cli.testConf().toString(),
                "--set",
                "tags.keys.cost_center.sensitive=true"));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(new String[0]));
  }

  private static Dataset<Row> table(String warehouse, String name) {
    return TestSpark.session().read().format("delta").load(warehouse + "/" + name);
  }

  @Test
  void theSharedCopyHidesWhoAndWhatButKeepsEveryTotal() throws IOException {
    DemoRun demo = DemoRun.get();
    Path keyFile = dir.resolve("share.key");
    Files.writeString(keyFile, KEY + "\n");
    String to = Fixtures.uri(dir.resolve("shared"));

    Cli noKey = share(demo.warehouse, to);
    assertEquals(2, noKey.exitCode, noKey.toString());
    assertTrue(noKey.err.contains("set COSTLAKE_SHARE_KEY or share.keyFile"), noKey.err);
    Cli ontoItself = share(demo.warehouse, demo.warehouse, "--set", "share.keyFile=" + keyFile);
    assertEquals(2, ontoItself.exitCode, ontoItself.toString());

    Cli cli = share(demo.warehouse, to, "--set", "share.keyFile=" + keyFile);
    assertEquals(0, cli.exitCode, cli.toString());
    assertTrue(
        cli.out.contains("cost_allocated     ResourceId hashed; Tags values of cost_center hashed"),
        cli.out);
    assertFalse(cli.out.contains(KEY) || cli.err.contains(KEY), "the key is never printed");

    Dataset<Row> original = table(demo.warehouse, "cost_allocated");
    Dataset<Row> shared = table(to, "cost_allocated");
    assertEquals(original.count(), shared.count());
    // Every total and grouping is the same: per period, owner and currency, to the last decimal.
    List<Row> before = totals(original);
    List<Row> after = totals(shared);
    assertEquals(before.size(), after.size());
    for (int i = 0; i < before.size(); i++) {
      assertEquals(before.get(i).getString(0), after.get(i).getString(0));
      assertMoney(before.get(i).getDecimal(1).toPlainString(), after.get(i).getDecimal(1));
    }
    assertEquals(
        original.select("ResourceId").distinct().count(),
        shared.select("ResourceId").distinct().count(),
        "one hash per resource: the copy still counts resources");

    Set<String> resources = strings(original.select("ResourceId").distinct());
    Set<String> costCenters =
        strings(original.select(functions.expr("Tags['cost_center']")).distinct());
    assertTrue(resources.size() > 10 && costCenters.size() > 1, resources + " " + costCenters);
    String everything = String.join("\n", shared.toJSON().collectAsList());
    for (String hidden : resources) {
      assertFalse(everything.contains("\"" + hidden + "\""), hidden + " is readable in the copy");
    }
    for (String hidden : costCenters) {
      assertFalse(everything.contains("\"" + hidden + "\""), hidden + " is readable in the copy");
    }
    assertTrue(everything.contains("\"team\":\"payments\""), "other tags are kept");
  }

  private static List<Row> totals(Dataset<Row> rows) {
    return rows.select(
            functions
                .concat_ws(
                    "|",
                    functions.col("x_BillingPeriod"),
                    functions.col("owner"),
                    functions.col("BillingCurrency"))
                .as("k"),
            functions.col("EffectiveCost"))
        .groupBy("k")
        .agg(functions.sum("EffectiveCost"))
        .orderBy("k")
        .collectAsList();
  }

  private static Set<String> strings(Dataset<Row> column) {
    return column.collectAsList().stream()
        .map(r -> r.getString(0))
        .filter(v -> v != null && !v.isEmpty())
        .collect(Collectors.toSet());
  }
}
