package io.costlake.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone master and worker on loopback, each its own JVM, whose executors are JVMs of
 * their own: what a cluster is, minus the machines. The "distribution" is a SPARK_HOME whose jars/
 * links the jars Spark, Hadoop and hadoop-aws come in (tests/target/spark-distribution.classpath,
 * written by the build), without costlake or Delta: those must come from the shaded job jar.
 */
final class SparkCluster implements AutoCloseable {
  /** Master, worker and spark-submit started with plain java need Spark's Java 17 opens. */
  private static final List<String> OPENS = ChildJvm.OPENS;

  final Path dir;
  final String masterUrl;
  private final Path sparkHome;
  private final Map<String, String> environment;
  private final List<Process> daemons = new ArrayList<>();

  /**
   * Starts the master and one worker with 2 cores.
   *
   * @param environment what the nodes' environment holds (credentials, as an instance profile would
   *     be on a real node); the executors inherit it from the worker
   */
  SparkCluster(Path dir, Map<String, String> environment) throws IOException {
    this(dir, environment, List.of(), 2);
  }

  /**
   * Starts the master and one worker.
   *
   * @param sparkDefaults the lines of the cluster's {@code conf/spark-defaults.conf}, which
   *     spark-submit, the worker and the drivers it launches read as on a real cluster; the cluster
   *     adds its {@code spark.master} to them
   * @param cores the worker's cores (a driver in cluster deploy mode takes one of them)
   */
  SparkCluster(Path dir, Map<String, String> environment, List<String> sparkDefaults, int cores)
      throws IOException {
    this.dir = dir;
    this.environment = environment;
    Fixtures.deleteRecursively(dir);
    this.sparkHome = distribution(dir.resolve("spark-home"));
    int port = Fixtures.freeLoopbackPort();
    this.masterUrl = "spark://127.0.0.1:" + port;
    List<String> defaults = new ArrayList<>(sparkDefaults);
    defaults.add("spark.master " + masterUrl);
    Files.createDirectories(sparkHome.resolve("conf"));
    Files.write(sparkHome.resolve("conf").resolve("spark-defaults.conf"), defaults);
    Process master =
        start(
            "master",
            List.of(
                "org.apache.spark.deploy.master.Master",
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--webui-port",
                Integer.toString(Fixtures.freeLoopbackPort())));
    daemons.add(master);
    Fixtures.awaitLoopbackPort(port, master, 60, "the Spark master", () -> logOf("master"));
    daemons.add(
        start(
            "worker",
            List.of(
                "org.apache.spark.deploy.worker.Worker",
                "--host",
                "127.0.0.1",
                "--cores",
                Integer.toString(cores),
                "--memory",
                "2g",
                "--webui-port",
                Integer.toString(Fixtures.freeLoopbackPort()),
                "--work-dir",
                dir.resolve("work").toString(),
                masterUrl)));
  }

  /**
   * {@code spark-submit --master spark://... --class io.costlake.jobs.Main <conf> job.jar <args>}
   * in client mode; returns its exit code, with its output in {@code <dir>/<name>.log}.
   */
  int submit(String name, Path jar, List<String> sparkConf, List<String> jobArgs)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("org.apache.spark.deploy.SparkSubmit");
    command.addAll(
        List.of(
            "--master",
            masterUrl,
            "--deploy-mode",
            "client",
            "--class",
            "io.costlake.jobs.Main",
            "--driver-memory",
            "1g",
            "--executor-memory",
            "1g",
            "--total-executor-cores",
            "2",
            "--conf",
            "spark.driver.host=127.0.0.1",
            "--conf",
            "spark.driver.bindAddress=127.0.0.1",
            "--conf",
            "spark.ui.enabled=false",
            // Sized for this 2-core cluster: Delta's default of 50 tasks per log replay is meant
            // for big clusters, and here would be most of each job's time.
            "--conf",
            "spark.databricks.delta.snapshotPartitions=2",
            "--conf",
            "spark.default.parallelism=2"));
    command.addAll(sparkConf);
    command.add(jar.toString());
    command.addAll(jobArgs);
    Process submit = start(name, command);
    if (!submit.waitFor(10, TimeUnit.MINUTES)) {
      submit.destroyForcibly();
      throw new IllegalStateException(name + " did not finish in 10 minutes");
    }
    return submit.exitValue();
  }

  /**
   * {@code spark-submit <args>} exactly as a spec writes them (after the {@code spark-submit}
   * word), run from an empty folder of its own so that nothing of the checkout is at hand: the
   * master and every other setting come from the cluster's spark-defaults.conf. Returns the exit
   * code; the output is {@link #log(String)}.
   */
  int run(String name, List<String> sparkSubmitArgs) throws IOException, InterruptedException {
    return runSideBySide(Map.of(name, sparkSubmitArgs)).get(name);
  }

  /** As {@link #run}, several at once (an Airflow DAG's parallel tasks); exit codes by name. */
  Map<String, Integer> runSideBySide(Map<String, List<String>> submits)
      throws IOException, InterruptedException {
    Map<String, Process> running = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, List<String>> submit : submits.entrySet()) {
      List<String> command = new ArrayList<>();
      command.add("org.apache.spark.deploy.SparkSubmit");
      command.addAll(submit.getValue());
      Path workDir = Files.createDirectories(dir.resolve("submit").resolve(submit.getKey()));
      running.put(submit.getKey(), start(submit.getKey(), command, workDir));
    }
    Map<String, Integer> codes = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, Process> submit : running.entrySet()) {
      if (!submit.getValue().waitFor(10, TimeUnit.MINUTES)) {
        submit.getValue().destroyForcibly();
        throw new IllegalStateException(submit.getKey() + " did not finish in 10 minutes");
      }
      codes.put(submit.getKey(), submit.getValue().exitValue());
    }
    return codes;
  }

  /** What the drivers the worker launched (cluster deploy mode) printed on stdout. */
  String driverStdout() throws IOException {
    return driverFiles(List.of("stdout"), Integer.MAX_VALUE);
  }

  /** Their stdout, and the end of their stderr (Spark's log): enough to say why one failed. */
  String driverOutput() throws IOException {
    return driverFiles(List.of("stdout", "stderr"), 40);
  }

  private String driverFiles(List<String> streams, int lastLines) throws IOException {
    StringBuilder all = new StringBuilder();
    Path work = dir.resolve("work");
    if (!Files.isDirectory(work)) {
      return "";
    }
    List<Path> drivers = new ArrayList<>();
    try (java.util.stream.Stream<Path> list = Files.list(work)) {
      list.filter(p -> p.getFileName().toString().startsWith("driver-"))
          .sorted()
          .forEach(drivers::add);
    }
    for (Path driver : drivers) {
      for (String stream : streams) {
        Path file = driver.resolve(stream);
        if (Files.exists(file)) {
          List<String> lines = Files.readAllLines(file);
          all.append("==> ").append(dir.relativize(file)).append('\n');
          for (String line : lines.subList(Math.max(0, lines.size() - lastLines), lines.size())) {
            all.append(line.length() > 400 ? line.substring(0, 400) + "..." : line).append('\n');
          }
        }
      }
    }
    return all.toString();
  }

  /** Everything the cluster's JVMs logged: master, worker, drivers and every executor. */
  String logs() throws IOException {
    StringBuilder all = new StringBuilder();
    for (Path file : Fixtures.files(dir, "")) {
      String name = file.getFileName().toString();
      if (Files.isRegularFile(file)
          && (name.endsWith(".log") || name.equals("stderr") || name.equals("stdout"))) {
        all.append("==> ").append(dir.relativize(file)).append('\n');
        all.append(Files.readString(file)).append('\n');
      }
    }
    return all.toString();
  }

  String log(String name) throws IOException {
    return Files.readString(dir.resolve(name + ".log"));
  }

  private String logOf(String name) {
    try {
      return log(name);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    for (Process daemon : daemons) {
      daemon.destroy();
    }
    for (Process daemon : daemons) {
      try {
        if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
          daemon.destroyForcibly();
        }
      } catch (InterruptedException e) {
        daemon.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private Process start(String name, List<String> mainAndArgs) throws IOException {
    return start(name, mainAndArgs, dir);
  }

  private Process start(String name, List<String> mainAndArgs, Path workDir) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx2g");
    // Short-lived JVMs on 2 cores: C1 only and the serial collector start and finish sooner.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.addAll(OPENS);
    command.add("-cp");
    command.add(sparkHome.resolve("jars") + File.separator + "*");
    command.addAll(mainAndArgs);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".log").toFile());
    Map<String, String> env = builder.environment();
    env.putAll(environment);
    env.put("SPARK_HOME", sparkHome.toString());
    env.put("SPARK_CONF_DIR", sparkHome.resolve("conf").toString());
    // Without it the worker cannot build an executor's classpath from SPARK_HOME.
    env.put("SPARK_SCALA_VERSION", "2.12");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("TZ", "UTC");
    Process process = builder.start();
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    return process;
  }

  private static Path distribution(Path home) throws IOException {
    Path classpath = Path.of("target", "spark-distribution.classpath");
    if (!Files.exists(classpath)) {
      throw new IllegalStateException(
          classpath.toAbsolutePath()
              + " is missing: the tests module's pre-integration-test phase writes it"
              + " (mvn verify)");
    }
    Path jars = Files.createDirectories(home.resolve("jars"));
    for (String jar : Files.readString(classpath).strip().split(File.pathSeparator)) {
      Path source = Path.of(jar);
      Files.createSymbolicLink(jars.resolve(source.getFileName()), source);
    }
    return home;
  }
}
