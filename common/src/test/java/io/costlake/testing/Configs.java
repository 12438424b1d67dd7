package io.costlake.testing;

import io.costlake.config.ConfigLoader;
import io.costlake.config.CostlakeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A config from inline YAML, loaded the way the CLI loads files. */
public final class Configs {
  private Configs() {}

  public static CostlakeConfig yaml(String... lines) {
    try {
      Path file = Files.createTempFile("costlake-test", ".yaml");
      Files.writeString(file, String.join("\n", lines), StandardCharsets.UTF_8);
      try {
        return ConfigLoader.load(List.of(file), List.of());
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
