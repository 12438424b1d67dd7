package io.costlake.it;

import io.costlake.testing.TestSpark;
import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A test warehouse in a temp folder: its tables, their versions, and ingest into it. */
final class TestWarehouse {
  private final String uri;

  TestWarehouse(Path folder) {
    this.uri = Fixtures.uri(folder);
  }

  String uri() {
    return uri;
  }

  Dataset<Row> table(String name) {
    return table(name, TestSpark.session());
  }

  /** The table read in {@code session}, whose temp views other ITs do not see. */
  Dataset<Row> table(String name, org.apache.spark.sql.SparkSession session) {
    return session.read().format("delta").load(uri + "/" + name);
  }

  /** The latest Delta version of a table. */
  long version(String name) {
    return DeltaTable.forPath(TestSpark.session(), uri + "/" + name).history(1).head().getLong(0);
  }

  /** {@code costlake ingest --provider aws --source ...} into this warehouse. */
  Cli ingest(String... sources) {
    List<String> args = new ArrayList<>(List.of("ingest", "--provider", "aws", "--warehouse", uri));
    for (String source : sources) {
      args.add("--source");
      args.add(source);
    }
    return Cli.run(args.toArray(new String[0]));
  }
}
