package io.costlake.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;

/**
 * A real S3 API on loopback for the tests: S3Proxy (from Maven Central, copied to
 * tests/target/s3proxy by the build) in its own JVM, storing objects under tests/target/s3. One
 * server per test JVM, with a fresh random key pair: a planted secret that the tests then look for
 * in everything costlake prints or writes.
 */
final class S3Server {
  static final String REGION = "us-east-1";

  private static S3Server server;

  final String endpoint;
  final String accessKey;
  final String secretKey;
  final Path root;
  private final Process process;

  private S3Server(int port, Path root) throws IOException {
    this.endpoint = "http://127.0.0.1:" + port;
    this.accessKey = "AKIATEST" + random(6).toUpperCase(java.util.Locale.ROOT);
    this.secretKey = "planted-secret-" + random(16);
    this.root = root;
    Path conf = root.resolveSibling("s3proxy.properties");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "s3proxy.endpoint=" + endpoint,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + accessKey,
            "s3proxy.credential=" + secretKey,
            "jclouds.provider=filesystem-nio2",
            "jclouds.filesystem.basedir=" + root,
            ""));
    Path jar = Path.of("target", "s3proxy", "s3proxy.jar").toAbsolutePath();
    if (!Files.exists(jar)) {
      throw new IllegalStateException(
          jar
              + " is missing: the tests module's pre-integration-test phase copies it (mvn verify)");
    }
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-jar",
                jar.toString(),
                "--properties",
                conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(root.resolveSibling("s3proxy.log").toFile());
    this.process = builder.start();
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    awaitListening();
  }

  static synchronized S3Server get() {
    if (server == null) {
      try {
        Path dir = Path.of("target", "s3").toAbsolutePath();
        Fixtures.deleteRecursively(dir);
        Files.createDirectories(dir.resolve("objects"));
        server = new S3Server(Fixtures.freeLoopbackPort(), dir.resolve("objects"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return server;
  }

  /** Creates a bucket (the file-system backend keeps a bucket as a folder). */
  String bucket(String name) {
    try {
      Files.createDirectories(root.resolve(name));
      return name;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Points s3a:// of these buckets at this server. Only the endpoint is set here: the key pair is
   * found by the AWS SDK's default provider chain (see {@link #credentialsForChain}), as on a real
   * cluster, so no secret sits in Hadoop's or Spark's config.
   */
  void configure(Configuration hadoop, String... buckets) {
    for (Map.Entry<String, String> setting : bucketSettings(buckets).entrySet()) {
      hadoop.set(setting.getKey(), setting.getValue());
    }
  }

  /** The same settings, as spark-submit {@code --conf spark.hadoop.*} arguments. */
  List<String> sparkConfArgs(String... buckets) {
    List<String> args = new ArrayList<>();
    for (Map.Entry<String, String> setting : bucketSettings(buckets).entrySet()) {
      args.add("--conf");
      args.add("spark.hadoop." + setting.getKey() + "=" + setting.getValue());
    }
    return args;
  }

  /** The key pair where the AWS SDK's default chain looks: the standard environment variables. */
  Map<String, String> credentialsForChain() {
    return Map.of(
        "AWS_ACCESS_KEY_ID", accessKey,
        "AWS_SECRET_ACCESS_KEY", secretKey,
        "AWS_REGION", REGION);
  }

  /**
   * In this JVM the environment cannot change, so the key pair goes to the chain's next link: the
   * aws.accessKeyId / aws.secretKey system properties.
   */
  void credentialsForThisJvm() {
    System.setProperty("aws.accessKeyId", accessKey);
    System.setProperty("aws.secretKey", secretKey);
  }

  private Map<String, String> bucketSettings(String... buckets) {
    Map<String, String> settings = new java.util.TreeMap<>();
    for (String bucket : buckets) {
      String prefix = "fs.s3a.bucket." + bucket + ".";
      settings.put(prefix + "endpoint", endpoint);
      settings.put(prefix + "endpoint.region", REGION);
      settings.put(prefix + "path.style.access", "true");
      settings.put(prefix + "connection.ssl.enabled", "false");
      settings.put(
          prefix + "aws.credentials.provider",
          "com.amazonaws.auth.DefaultAWSCredentialsProviderChain");
    }
    return settings;
  }

  private void awaitListening() throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "S3Proxy exited: " + Files.readString(root.resolveSibling("s3proxy.log")));
      }
      try {
        HttpURLConnection connection = (HttpURLConnection) new URL(endpoint + "/").openConnection();
        connection.setConnectTimeout(500);
        // Any HTTP answer (403 without a signature) means it is serving.
        if (connection.getResponseCode() > 0) {
          return;
        }
      } catch (IOException notYet) {
        // keep waiting
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("S3Proxy did not start within 60 s at " + endpoint);
  }

  private static String random(int bytes) {
    byte[] value = new byte[bytes];
    new SecureRandom().nextBytes(value);
    StringBuilder hex = new StringBuilder();
    for (byte b : value) {
      hex.append(String.format("%02x", b));
    }
    return hex.toString();
  }
}
