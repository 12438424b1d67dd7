package io.costlake.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;

/**
 * Reads the text of config files. Local files are read from the disk; a deployment's config on
 * object storage needs a reader backed by Hadoop's file systems ({@code io.HadoopConfigFiles}).
 */
public interface ConfigFiles {
  /** The file's text (UTF-8), or empty when there is no file at that location. */
  Optional<String> read(ConfigLocation location) throws IOException;

  /** Local files only: what tests and the embedded default need, without starting Hadoop. */
  static ConfigFiles localDisk() {
    return location -> {
      if (!location.isLocal()) {
        throw new IOException("no file system for " + location + " in this process");
      }
      if (!Files.isRegularFile(location.localPath())) {
        return Optional.empty();
      }
      return Optional.of(Files.readString(location.localPath(), StandardCharsets.UTF_8));
    };
  }
}
