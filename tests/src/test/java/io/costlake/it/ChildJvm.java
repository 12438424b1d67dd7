package io.costlake.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code costlake <args>} in a JVM of its own, started the way the ./costlake launcher starts it
 * (the jobs jar beside its Maven classpath), so that a test can kill it as a crash or a preempted
 * node would: SIGKILL, no shutdown hooks, no finally blocks.
 */
final class ChildJvm implements AutoCloseable {
  /** What Spark's launcher scripts pass to a JVM on Java 17; plain java needs them too. */
  static final List<String> OPENS =
      Arrays.asList(
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
          "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
          "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
          "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
          "-Djdk.reflect.useDirectMethodHandle=false");

  final Path log;
  private final Process process;
  private final long startedNanos = System.nanoTime();

  private ChildJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code costlake <args>}; its output (both streams) goes to {@code log}. */
  static ChildJvm start(Path log, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1500m");
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.addAll(OPENS);
    command.add("-Duser.timezone=UTC");
    command.add("-cp");
    command.add(classpath());
    command.add(CommandLines.mainClass());
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.environment().put("TZ", "UTC");
    try {
      return new ChildJvm(builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for the exit code; fails the test after {@code seconds}. */
  int await(long seconds) {
    try {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("costlake did not finish in " + seconds + " s:\n" + output());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * SIGKILL after {@code millis} from the start, unless the process ended before.
   *
   * @return true when it was killed, false when it had already exited
   */
  boolean killAfter(long millis) {
    try {
      long left = millis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
      if (left > 0 && process.waitFor(left, TimeUnit.MILLISECONDS)) {
        return false;
      }
      if (!process.isAlive()) {
        return false;
      }
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * SIGKILL as soon as {@code happened} holds (polled every millisecond), unless the process ends
   * first or {@code seconds} pass.
   *
   * @return true when it was killed, false when it had already exited
   */
  boolean killWhen(java.util.function.BooleanSupplier happened, long seconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    try {
      while (!happened.getAsBoolean()) {
        if (process.waitFor(1, TimeUnit.MILLISECONDS)) {
          return false;
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the awaited moment did not come in " + seconds + " s");
        }
      }
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  long elapsedMillis() {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
  }

  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  /** The jobs jar and its Maven classpath, as the jobs module's package phase left them. */
  private static String classpath() {
    Path target = Path.of("..", "jobs", "target").toAbsolutePath().normalize();
    Path classpathFile = target.resolve("launcher.classpath");
    try (Stream<Path> files = Files.list(target)) {
      Path jar =
          files
              .filter(
                  p -> p.getFileName().toString().matches("costlake-jobs-[^-]+(-SNAPSHOT)?\\.jar"))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "no costlake-jobs jar in "
                              + target
                              + ": the jobs module builds it (mvn verify)"));
      return jar + File.pathSeparator + Files.readString(classpathFile).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
