package io.costlake.it;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
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
    this.dir = dir;
    this.environment = environment;
    Fixtures.deleteRecursively(dir);
    this.sparkHome = distribution(dir.resolve("spark-home"));
    int port = Fixtures.freeLoopbackPort();
    this.masterUrl = "spark://127.0.0.1:" + port;
    daemons.add(
        start(
            "master",
            List.of(
                "org.apache.spark.deploy.master.Master",
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--webui-port",
                Integer.toString(Fixtures.freeLoopbackPort()))));
    awaitPort(port);
    daemons.add(
        start(
            "worker",
            List.of(
                "org.apache.spark.deploy.worker.Worker",
                "--host",
                "127.0.0.1",
                "--cores",
                "2",
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
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx2g");
    command.addAll(OPENS);
    command.add("-cp");
    command.add(sparkHome.resolve("jars") + File.separator + "*");
    command.addAll(mainAndArgs);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".log").toFile());
    Map<String, String> env = builder.environment();
    env.putAll(environment);
    env.put("SPARK_HOME", sparkHome.toString());
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

  private static void awaitPort(int port) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
    throw new IllegalStateException("the Spark master did not listen on " + port + " in 60 s");
  }
}
