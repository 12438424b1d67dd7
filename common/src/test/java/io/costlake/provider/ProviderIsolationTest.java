package io.costlake.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each provider adapter stands on the shared ingest toolkit and the model only: what two adapters
 * share lives there, so that changing one provider's export never changes another's mapping.
 */
class ProviderIsolationTest {
  private static final Path PROVIDERS = Paths.get("src/main/java/io/costlake/provider");
  private static final Pattern NAMED = Pattern.compile("io\\.costlake\\.provider\\.(\\w+)\\.");

  @Test
  void noAdapterNamesAnotherProvidersPackage() throws IOException {
    List<Path> packages;
    try (Stream<Path> children = Files.list(PROVIDERS)) {
      packages = children.filter(Files::isDirectory).sorted().collect(Collectors.toList());
    }
    assertEquals(
        List.of("aws", "azure", "focus", "gcp"),
        packages.stream().map(p -> p.getFileName().toString()).collect(Collectors.toList()));
    List<String> crossings = new ArrayList<>();
    int read = 0;
    for (Path pkg : packages) {
      String own = pkg.getFileName().toString();
      List<Path> sources;
      try (Stream<Path> files = Files.walk(pkg)) {
        sources = files.filter(f -> f.toString().endsWith(".java")).collect(Collectors.toList());
      }
      for (Path source : sources) {
        read++;
        String text = new String(Files.readAllBytes(source), StandardCharsets.UTF_8);
        Matcher named = NAMED.matcher(text);
        while (named.find()) {
          if (!named.group(1).equals(own)) {
            crossings.add(PROVIDERS.relativize(source) + " names provider." + named.group(1));
          }
        }
      }
    }
    assertTrue(read >= 30, read + " sources read");
    assertEquals(List.of(), crossings);
  }
}
