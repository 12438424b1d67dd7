package io.costlake.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.hive.conf.HiveConf;
import org.apache.hadoop.hive.metastore.HiveMetaStore;
import org.apache.hadoop.hive.metastore.api.ThriftHiveMetastore;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.server.TThreadPoolServer;
import org.apache.thrift.transport.TServerSocket;

/**
 * A real Hive metastore for the tests: Hive 2.3.9's metastore (the version Spark 3.5's own Hive
 * client speaks, from Maven Central) serving its Thrift API on a loopback port, backed by an
 * embedded Derby database, in a JVM of its own. It is what EMR's Hive metastore, Dataproc Metastore
 * and Glue's Hive client stand for: Spark applications that set {@code hive.metastore.uris} share
 * the tables registered in it.
 *
 * <p>Hive's own {@code HiveMetaStore} main listens on every interface; {@link #main} serves the
 * same handler on loopback only.
 */
final class MetastoreServer implements AutoCloseable {
  final String uri;
  final Path dir;
  private final Process process;

  private MetastoreServer(Path dir, int port, Process process) {
    this.dir = dir;
    this.uri = "thrift://127.0.0.1:" + port;
    this.process = process;
  }

  /** Starts a metastore with an empty database under {@code dir}. */
  static MetastoreServer start(Path dir) {
    try {
      Fixtures.deleteRecursively(dir);
      Files.createDirectories(dir);
      int port = Fixtures.freeLoopbackPort();
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xmx512m");
      command.addAll(ChildJvm.OPENS);
      command.add("-Dhive.async.log.enabled=false");
      command.add(
          "-Djavax.jdo.option.ConnectionURL=jdbc:derby:;databaseName="
              + dir.resolve("derby")
              + ";create=true");
      command.add("-Dderby.system.home=" + dir);
      command.add("-Ddatanucleus.schema.autoCreateAll=true");
      command.add("-Dhive.metastore.schema.verification=false");
      command.add("-Dhive.metastore.warehouse.dir=" + dir.resolve("warehouse").toUri());
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(MetastoreServer.class.getName());
      command.add(Integer.toString(port));
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("metastore.log").toFile())
              .start();
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
      MetastoreServer server = new MetastoreServer(dir, port, process);
      Fixtures.awaitLoopbackPort(port, process, 120, "the metastore", server::logText);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The settings that point a Spark application at this metastore, as a cluster's would. */
  List<String> sparkDefaults() {
    return List.of(
        "spark.sql.catalogImplementation hive", "spark.hadoop.hive.metastore.uris " + uri);
  }

  private String logText() {
    try {
      return Files.readString(dir.resolve("metastore.log"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** The metastore process: Hive's handler (settings from system properties) on loopback. */
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    HiveConf conf = new HiveConf();
    ThriftHiveMetastore.Iface handler =
        HiveMetaStore.newRetryingHMSHandler("costlake-test", conf, false);
    TServerSocket socket =
        new TServerSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    TThreadPoolServer.Args server =
        new TThreadPoolServer.Args(socket)
            .processor(new ThriftHiveMetastore.Processor<>(handler))
            .protocolFactory(new TBinaryProtocol.Factory())
            .minWorkerThreads(2)
            .maxWorkerThreads(20);
    new TThreadPoolServer(server).serve();
  }
}
