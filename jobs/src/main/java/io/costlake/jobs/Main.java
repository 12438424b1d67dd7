package io.costlake.jobs;

import io.costlake.CostlakeVersion;
import io.costlake.config.ConfigLoader;
import io.costlake.config.ConfigLocation;
import io.costlake.config.CostlakeConfig;
import io.costlake.errors.CostlakeErrors;
import io.costlake.errors.CostlakeException;
import io.costlake.io.HadoopConfigFiles;
import io.costlake.jobs.cli.ArgParser;
import io.costlake.jobs.cli.ParsedArgs;
import io.costlake.spark.SparkSessions;
import io.costlake.tasks.JobContext;
import io.costlake.tasks.Outcome;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point: {@code costlake <job> [options]} from the launcher script, and the same
 * class under {@code spark-submit --class io.costlake.jobs.Main costlake-jobs.jar <job> ...}. Exit
 * code 0 on success, 1 when a job fails, 2 for a usage or config error; failures print one line.
 */
public final class Main {
  /** Where the embedded default's config lives, relative to the working directory. */
  public static final Path DEFAULT_CONF = Paths.get("conf", "costlake.yaml");

  /** The environment variable naming the warehouse when --warehouse is not given. */
  public static final String WAREHOUSE_VARIABLE = "COSTLAKE_WAREHOUSE";

  /** The launcher's tools, in the tools jar beside this one (not in the cluster jar). */
  private static final Set<String> TOOLS = Set.of("demo", "samples", "generate", "bench");

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private final Map<String, Job> jobs = new LinkedHashMap<>();

  public Main() {
    register(new IngestJob());
    register(new SqlJob());
    register(new ValidateJob());
    register(new AmortizeJob());
    register(new AllocateJob());
    register(new ReconcileJob());
    register(new ChargebackJob());
    register(new AnomaliesJob());
    register(new ReportJob());
    register(new PipelineJob());
    register(new CatalogJob());
    register(new VerifyJob());
    register(new ShareJob());
    register(new ServeJob());
    register(new NotifyJob());
    // The launcher's tools (demo, samples, generate, bench) when their jar is on the classpath; the
    // cluster jar has none of them.
    ServiceLoader.load(Job.class, Main.class.getClassLoader()).forEach(this::register);
  }

  private void register(Job job) {
    jobs.put(job.spec().name(), job);
  }

  public static void main(String[] args) {
    int code = new Main().run(Arrays.asList(args), System.out, System.err);
    if (SparkSession.getDefaultSession().isDefined()) {
      SparkSession.getDefaultSession().get().stop();
    }
    System.exit(code);
  }

  /** Runs one command line; returns the exit code. Never exits the JVM (tests call this). */
  public int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
      out.print(help());
      return args.isEmpty() ? 2 : 0;
    }
    if (args.get(0).equals("--version")) {
      out.println("costlake " + CostlakeVersion.get());
      return 0;
    }
    String jobName = args.get(0);
    boolean verbose = args.contains("--verbose");
    try {
      Job job = jobs.get(jobName);
      if (job == null) {
        throw TOOLS.contains(jobName)
            ? CostlakeErrors.toolNotInThisJar(jobName, jobs.keySet())
            : CostlakeErrors.unknownJob(jobName, jobs.keySet());
      }
      ParsedArgs parsed = ArgParser.parse(job.spec(), args.subList(1, args.size()));
      if (parsed.has("--help")) {
        out.print(job.spec().help());
        return 0;
      }
      CostlakeConfig config = config(parsed);
      JobContext context = new JobContext(config, out, Clock.systemUTC());
      context.group("costlake-" + jobName, "costlake " + jobName);
      long started = System.nanoTime();
      Outcome outcome = job.run(context, parsed);
      if (outcome != null) {
        out.print(outcome.summary());
      }
      LOG.info(
          "costlake {} done in {} s",
          jobName,
          String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9));
      return 0;
    } catch (CostlakeException e) {
      err.println("costlake " + jobName + ": " + e.getMessage());
      if (verbose) {
        e.printStackTrace(err);
      }
      return e.kind().exitCode();
    } catch (Exception | LinkageError e) { // Scala code throws checked exceptions undeclared
      err.println(
          "costlake "
              + jobName
              + ": internal error: "
              + e.getClass().getSimpleName()
              + ": "
              + firstLine(e.getMessage())
              + (verbose ? "" : " (run with --verbose for the stack trace)"));
      if (verbose) {
        e.printStackTrace(err);
      }
      return 1;
    }
  }

  /**
   * The config of a run: each --conf is a local path or any URI the job can read ({@code s3a://},
   * {@code gs://}, {@code abfss://}, {@code file:}), read through Hadoop with the settings
   * spark-submit was given; without --conf, {@code conf/costlake.yaml} when it exists.
   */
  static CostlakeConfig config(ParsedArgs args) {
    List<ConfigLocation> files =
        args.values("--conf").stream().map(ConfigLocation::of).collect(Collectors.toList());
    if (files.isEmpty() && Files.isRegularFile(DEFAULT_CONF)) {
      files = List.of(ConfigLocation.local(DEFAULT_CONF));
    }
    CostlakeConfig config =
        ConfigLoader.load(
            files, args.values("--set"), new HadoopConfigFiles(SparkSessions::submittedHadoopConf));
    // --warehouse, else COSTLAKE_WAREHOUSE, else the config's: one variable points every job
    // (sql from any folder, a notebook's shell) at the same warehouse.
    return args.value("--warehouse")
        .or(() -> Optional.ofNullable(System.getenv(WAREHOUSE_VARIABLE)).filter(w -> !w.isBlank()))
        .map(config::withWarehouse)
        .orElse(config);
  }

  String help() {
    StringBuilder text = new StringBuilder();
    text.append("costlake ")
        .append(CostlakeVersion.get())
        .append(": trustworthy cost data from cloud billing exports (FOCUS 1.2 on Delta Lake)\n\n")
        .append("Usage: costlake <job> [options]\n")
        .append("       costlake <job> --help     every option of a job\n\n")
        .append("Jobs:\n");
    for (Job job : jobs.values()) {
      text.append(String.format("  %-10s %s%n", job.spec().name(), job.spec().summary()));
    }
    text.append(
        "\nUnder spark-submit: spark-submit --class io.costlake.jobs.Main costlake-jobs-<version>.jar <job> [options]\n");
    return text.toString();
  }

  public Map<String, Job> jobs() {
    return jobs;
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.split("\\R", 2)[0];
  }
}
