package io.costlake.jobs;

import io.costlake.errors.CostlakeErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * {@code costlake serve}'s one shared password, from the environment ({@value #ENV}) or a file
 * ({@value #FILE_ENV}: a mounted secret), never from the config. No Hive class here: serve reads it
 * before it knows the Thrift server is on the classpath.
 */
final class ServePassword {
  static final String ENV = "COSTLAKE_SERVE_PASSWORD";
  static final String FILE_ENV = "COSTLAKE_SERVE_PASSWORD_FILE";

  private final byte[] secret;

  private ServePassword(String secret) {
    this.secret = secret == null ? null : secret.getBytes(StandardCharsets.UTF_8);
  }

  static ServePassword fromEnvironment() {
    return new ServePassword(read());
  }

  boolean given() {
    return secret != null;
  }

  /** In constant time: how long the comparison takes says nothing of the password. */
  boolean matches(String password) {
    return secret != null
        && password != null
        && MessageDigest.isEqual(secret, password.getBytes(StandardCharsets.UTF_8));
  }

  /** The password, or null when neither variable is set. */
  private static String read() {
    String file = System.getenv(FILE_ENV);
    if (file != null && !file.isBlank()) {
      try {
        String secret = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        if (secret.isEmpty()) {
          throw CostlakeErrors.invalidArgument(FILE_ENV + " " + file, "the file is empty");
        }
        return secret;
      } catch (IOException e) {
        throw CostlakeErrors.cannotRead(FILE_ENV + " " + file, String.valueOf(e.getMessage()));
      }
    }
    String secret = System.getenv(ENV);
    return secret == null || secret.isEmpty() ? null : secret;
  }
}
