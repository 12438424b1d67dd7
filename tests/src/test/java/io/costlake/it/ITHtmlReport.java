package io.costlake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The demo's HTML report opened in headless Chromium (Debian's package, installed by
 * tests/setup/chromium.sh before the ITs): it loads without console errors, and its charts are
 * drawn, seen as pixels of the chart colours in a screenshot. The screenshot is kept in
 * tests/target/report-screenshot.png.
 */
// The demo's readers run one after another on one thread, beside the other ITs: DemoRun.get()
// blocks until the shared demo has run, and a blocked thread would idle half of the machine.
@Execution(ExecutionMode.SAME_THREAD)
class ITHtmlReport {
  private static final List<String> SECTIONS =
      List.of(
          "spend_trend",
          "amortized_vs_billed",
          "top_services",
          "allocation_by_owner",
          "commitment_utilization",
          "anomalies",
          "reconciliation",
          "pipeline_health");

  @Test
  void theDemoReportRendersItsChartsInChromiumWithoutErrors() throws Exception {
    DemoRun run = DemoRun.get();
    assertTrue(run.demo.out.contains("report: wrote "), run.demo.out);
    Path index = run.report.resolve("index.html");
    String html = Files.readString(index);
    for (String section : SECTIONS) {
      assertTrue(html.contains("<section id=\"" + section + "\">"), section);
      assertTrue(Files.exists(run.report.resolve(section + ".csv")), section + ".csv");
      String part = html.substring(html.indexOf("<section id=\"" + section + "\">"));
      part = part.substring(0, part.indexOf("</section>"));
      // Every part has data and a chart in the demo, with marks drawn to a size.
      assertTrue(part.contains("<svg class=\"chart\""), section + " has no chart");
      assertTrue(
          part.matches("(?s).*<(rect class=\"mark\"[^>]*width=\"[1-9]|polyline class=\"mark\").*"),
          section + " has no visible mark");
    }
    // Every provider in the shipped reporting currency: Azure's EUR spend is drawn too.
    assertTrue(html.contains("Charts in USD (every provider, converted by day)"), "subtitle");
    String trend = html.substring(html.indexOf("<section id=\"spend_trend\">"));
    trend = trend.substring(0, trend.indexOf("</table>"));
    for (String provider : List.of("aws", "azure", "gcp")) {
      assertTrue(trend.contains(">" + provider + "</text>"), provider + " in the spend trend");
    }
    // No sample period (2018-2023) in the demo's report.
    assertFalse(html.matches("(?s).*>20(18|19|20|21|22|23)-\\d\\d<.*"), "a sample period");
    // The planted runaway fleet is in the anomalies part.
    assertTrue(html.contains("2025-10-20"), "the planted anomaly is listed");
    assertFalse(html.contains("http://") && html.contains("src=\"http"), "nothing to fetch");

    Path screenshot = Path.of("target", "report-screenshot.png").toAbsolutePath();
    Chromium.Result page = Chromium.screenshot(index, screenshot, 1280, 5200);
    assertEquals(List.of(), page.consoleErrors, page.log);
    BufferedImage image = ImageIO.read(screenshot.toFile());
    assertEquals(1280, image.getWidth());
    // The first two palette colours fill bars, lines and legends across the charts.
    int blue = pixels(image, 0x4e79a7);
    int orange = pixels(image, 0xf28e2b);
    assertTrue(blue > 20_000, "pixels of the first series colour: " + blue);
    assertTrue(orange > 2_000, "pixels of the second series colour: " + orange);
  }

  /** The console check can fail: a page that logs an error is caught. */
  @Test
  void aConsoleErrorOnThePageIsCaught() throws Exception {
    Path dir = Files.createTempDirectory("costlake-console");
    Path page = dir.resolve("broken.html");
    Files.writeString(
        page,
        "<!DOCTYPE html><html><body><p>x</p><script>console.error('planted failure');"
            + "</script></body></html>");
    Chromium.Result result = Chromium.screenshot(page, dir.resolve("broken.png"), 400, 300);
    assertEquals(1, result.consoleErrors.size(), result.log);
    assertTrue(result.consoleErrors.get(0).contains("planted failure"), result.log);
  }

  private static int pixels(BufferedImage image, int rgb) {
    int count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == rgb) {
          count++;
        }
      }
    }
    return count;
  }

  /** Debian's chromium, headless, one page at a time. */
  static final class Chromium {
    static final class Result {
      final List<String> consoleErrors;
      final String log;

      Result(List<String> consoleErrors, String log) {
        this.consoleErrors = consoleErrors;
        this.log = log;
      }
    }

    static Result screenshot(Path page, Path png, int width, int height)
        throws IOException, InterruptedException {
      Path profile = Files.createTempDirectory("costlake-chromium");
      Path log = Files.createTempFile("costlake-chromium", ".log");
      Files.deleteIfExists(png);
      List<String> command = new ArrayList<>();
      command.add(binary());
      command.add("--headless");
      command.add("--no-sandbox"); // CI runs as root, where Chromium's sandbox refuses to start
      command.add("--disable-gpu");
      command.add("--hide-scrollbars");
      command.add("--no-first-run");
      command.add("--user-data-dir=" + profile);
      command.add("--enable-logging=stderr");
      command.add("--v=0");
      command.add("--window-size=" + width + "," + height);
      command.add("--screenshot=" + png);
      command.add(page.toUri().toString());
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("chromium did not finish in 120 s: " + command);
      }
      String text = Files.readString(log, StandardCharsets.UTF_8);
      assertEquals(0, process.exitValue(), text);
      assertTrue(Files.size(png) > 0, "no screenshot written: " + text);
      List<String> errors =
          text.lines()
              .filter(l -> l.contains("CONSOLE") || l.contains("Uncaught"))
              .collect(Collectors.toList());
      return new Result(errors, text);
    }

    private static String binary() {
      for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
        if (Files.isExecutable(Path.of(candidate))) {
          return candidate;
        }
      }
      throw new AssertionError(
          "Chromium is not installed: tests/setup/chromium.sh installs it (Maven runs it before"
              + " the integration tests)");
    }
  }
}
