package io.costlake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The cluster jar is the product only: the tools the launcher adds (demo, generate, bench, the
 * generators and the bundled samples) are in the tools jar, and nowhere in what spark-submit runs.
 * Counted from the archives' entries as the build left them.
 */
class ITShippedJars {
  private static final Pattern TOOL =
      Pattern.compile(
          "io/costlake/jobs/(generate|bench)/.*|io/costlake/jobs/(Demo|Samples|Generate|Bench)Job.*"
              + "|io/costlake/(samples|bench)/.*|META-INF/services/io\\.costlake\\.jobs\\.Job");

  @Test
  void theClusterJarHoldsNoToolAndTheToolsJarHoldsThemAll() throws IOException {
    List<String> product = entries(jar("jobs"));
    assertTrue(product.contains("io/costlake/jobs/Main.class"), "Main is in the cluster jar");
    assertTrue(
        product.contains("io/costlake/provider/aws/AwsCurMapping.class"),
        "the adapters are in the cluster jar");
    assertEquals(
        List.of(),
        product.stream().filter(e -> TOOL.matcher(e).matches()).collect(Collectors.toList()));

    List<String> tools = entries(jar("tools"));
    for (String expected :
        List.of(
            "io/costlake/jobs/DemoJob.class",
            "io/costlake/jobs/SamplesJob.class",
            "io/costlake/jobs/GenerateJob.class",
            "io/costlake/jobs/BenchJob.class",
            "io/costlake/jobs/generate/AwsCurGenerator.class",
            "io/costlake/jobs/bench/BenchReport.class",
            "io/costlake/bench/duckdb-cur-to-focus.sql",
            "io/costlake/samples/index.txt",
            "META-INF/services/io.costlake.jobs.Job")) {
      assertTrue(tools.contains(expected), expected + " in the tools jar");
    }
    assertEquals(
        List.of(),
        tools.stream()
            .filter(e -> e.startsWith("io/costlake/") && e.endsWith(".class"))
            .filter(e -> !TOOL.matcher(e).matches())
            .collect(Collectors.toList()),
        "the tools jar holds tools only");
  }

  /** The cluster jar run as spark-submit would, with its Maven classpath but without the tools. */
  @Test
  void theClusterJarAloneSaysWhereTheToolsAre() throws Exception {
    Path classpath = Path.of("..", "jobs", "target", "launcher.classpath");
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                jar("jobs") + java.io.File.pathSeparator + Files.readString(classpath).strip(),
                "io.costlake.jobs.Main",
                "demo")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), "UTF-8");
    assertEquals(2, process.waitFor(), output);
    assertTrue(
        output.contains(
            "costlake demo: 'demo' is a tool of the ./costlake launcher (the costlake-tools jar),"
                + " not of the cluster jar (jobs: ingest, sql,"),
        output);
  }

  private static Path jar(String module) throws IOException {
    Path target = Path.of("..", module, "target").toAbsolutePath().normalize();
    try (Stream<Path> files = Files.list(target)) {
      List<Path> jars =
          files
              .filter(
                  p ->
                      p.getFileName()
                          .toString()
                          .matches("costlake-" + module + "-[^-]+(-SNAPSHOT)?\\.jar"))
              .collect(Collectors.toList());
      assertEquals(1, jars.size(), "one costlake-" + module + " jar in " + target + ": " + jars);
      return jars.get(0);
    }
  }

  private static List<String> entries(Path jar) throws IOException {
    List<String> names = new ArrayList<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      Enumeration<? extends ZipEntry> all = zip.entries();
      while (all.hasMoreElements()) {
        names.add(all.nextElement().getName());
      }
    }
    assertTrue(names.size() > 30, jar + " has " + names.size() + " entries");
    return names;
  }
}
