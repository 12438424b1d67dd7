package io.costlake.tasks;

import io.costlake.config.CostlakeConfig;
import io.costlake.errors.CostlakeErrors;
import io.costlake.io.Locations;
import io.costlake.spark.SparkSessions;
import io.costlake.spark.Warehouse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** What a job runs with: its config, where to print, the clock, and (lazily) Spark. */
public final class JobContext {
  private final CostlakeConfig config;
  private final PrintStream out;
  private final Clock clock;
  private SparkSession spark;
  private boolean warehouseChecked;
  private String group;
  private String description;

  public JobContext(CostlakeConfig config, PrintStream out, Clock clock) {
    this.config = config;
    this.out = out;
    this.clock = clock;
  }

  /** The same context (same Spark, output, clock and job group) with another config. */
  public JobContext withConfig(CostlakeConfig other) {
    return copy(new JobContext(other, out, clock));
  }

  /** The same context (same Spark, config, clock and job group) printing to {@code other}. */
  public JobContext withOut(PrintStream other) {
    return copy(new JobContext(config, other, clock));
  }

  /** {@code context} with this one's Spark and the group and description it labels jobs with. */
  private synchronized JobContext copy(JobContext context) {
    context.spark = spark;
    context.group = group;
    context.description = description;
    return context;
  }

  public CostlakeConfig config() {
    return config;
  }

  public PrintStream out() {
    return out;
  }

  public Clock clock() {
    return clock;
  }

  /**
   * Prints what a task did (its outcome's summary) as it ends, for a composer of several tasks;
   * returns the outcome.
   */
  public <R extends Outcome> R report(R outcome) {
    out.print(outcome.summary());
    return outcome;
  }

  /** The process's SparkSession, started on first use (jobs like generate never need one). */
  public synchronized SparkSession spark() {
    if (spark == null) {
      spark = SparkSessions.getOrCreate(config.spark());
      label();
    }
    return spark;
  }

  /**
   * Puts every Spark job this thread runs from now on in the group {@code id} (the Spark UI and
   * event log list a run's jobs together under it), described as {@code what}.
   */
  public synchronized void group(String id, String what) {
    group = id;
    description = what;
    if (spark != null) {
      label();
    }
  }

  private void label() {
    if (group != null) {
      spark.sparkContext().setJobGroup(group, description, false);
    } else if (description != null) {
      spark.sparkContext().setJobDescription(description);
    }
  }

  /**
   * Names the Spark jobs this thread runs from now on (the Spark UI and event log show it), e.g.
   * {@code costlake pipeline: allocate}; applied when the session starts if it has not yet.
   */
  public synchronized void describe(String what) {
    description = what;
    if (spark != null) {
      spark.sparkContext().setJobDescription(what);
    }
  }

  public boolean sparkStarted() {
    return spark != null;
  }

  public Configuration hadoopConf() {
    return spark().sparkContext().hadoopConfiguration();
  }

  public Warehouse warehouse() {
    String root = uri(config.warehouse());
    if (!warehouseChecked) {
      refuseAFile(root);
      warehouseChecked = true;
    }
    return new Warehouse(spark(), root);
  }

  /**
   * A warehouse that is a file fails at once, on the first use of the warehouse (before ingest
   * reads any source), not after the reading, in a Delta error. A missing folder is created.
   */
  private void refuseAFile(String root) {
    try {
      Path path = new Path(root);
      if (path.getFileSystem(hadoopConf()).getFileStatus(path).isFile()) {
        throw CostlakeErrors.invalidArgument(
            "warehouse " + root, "it is a file; the warehouse is a folder of Delta tables");
      }
    } catch (java.io.FileNotFoundException missing) {
      // created with its first table
    } catch (IOException unknown) {
      // not known here: the first read or write of a table says what is wrong
    }
  }

  /**
   * A text file named in config (a local path or a URI), as lines; one-line error if unreadable.
   */
  /**
   * A Delta table named in config: a name under the warehouse (letters, digits, underscores: it
   * cannot reach out of the warehouse), or a path or URI written out in full.
   */
  public Dataset<Row> readDeltaTable(String table) {
    boolean location = table.contains(":") || table.contains("/");
    if (!location && !table.matches("[A-Za-z0-9_]+")) {
      throw CostlakeErrors.invalidArgument(
          "table name '" + table + "'",
          "a table under the warehouse is named with letters, digits and underscores");
    }
    String where = location ? uri(table) : warehouse().root() + "/" + table;
    return spark().read().format("delta").load(where);
  }

  public List<String> readLines(String file) {
    // Outside the try: an address with a login is refused as it is, never wrapped in a message
    // that would repeat it.
    String location = uri(file);
    try {
      Path path = new Path(location);
      FileSystem fs = path.getFileSystem(hadoopConf());
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(fs.open(path), StandardCharsets.UTF_8))) {
        return reader.lines().collect(Collectors.toList());
      }
    } catch (IOException | RuntimeException e) {
      throw CostlakeErrors.cannotRead(file, String.valueOf(e.getMessage()).split("\n")[0]);
    }
  }

  /**
   * A URI for a location given on the command line or in config: URIs stay as they are, local paths
   * become absolute {@code file:} URIs (relative to the working directory).
   */
  public static String uri(String location) {
    return Locations.uri(location);
  }
}
