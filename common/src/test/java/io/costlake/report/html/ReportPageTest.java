package io.costlake.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The page and its charts without Spark: marks in scale, round ticks, hostile text inert. */
class ReportPageTest {
  private static final String HOSTILE = "<script>alert(1)</script>";

  @Test
  void barsAreToScaleAndCarryTheirExactValues() {
    String svg =
        Charts.bars(
            "t",
            List.of("a", "b"),
            List.of(new Series("cost", List.of(new BigDecimal("100"), new BigDecimal("25.5")))),
            false,
            "USD");
    List<Double> widths = numbers(svg, "<rect class=\"mark\" [^>]*width=\"([0-9.]+)\"");
    assertEquals(2, widths.size());
    assertEquals(100 / 25.5, widths.get(0) / widths.get(1), 0.02);
    // Hover values read like the table beside the chart: two decimals, thousands grouped.
    assertTrue(svg.contains("<title>b, cost: 25.50 USD</title>"), svg);
    assertTrue(
        Charts.bars(
                "t",
                List.of("a"),
                List.of(new Series("cost", List.of(new BigDecimal("1234567.891")))),
                false,
                "EUR")
            .contains("<title>a, cost: 1,234,567.89 EUR</title>"));
    // Ticks at round numbers from 0, the last at or past the largest bar.
    assertTrue(svg.contains(">0</text>") && svg.contains(">100</text>"), svg);
  }

  @Test
  void stackedBarsStartWhereThePreviousSeriesEnded() {
    String svg =
        Charts.bars(
            "t",
            List.of("a"),
            List.of(
                new Series("used", List.of(new BigDecimal("60"))),
                new Series("unused", List.of(new BigDecimal("40")))),
            true,
            "USD");
    List<Double> xs = numbers(svg, "<rect class=\"mark\" x=\"([0-9.]+)\"");
    List<Double> widths = numbers(svg, "<rect class=\"mark\" [^>]*width=\"([0-9.]+)\"");
    assertEquals(xs.get(0) + widths.get(0), xs.get(1), 0.11);
  }

  @Test
  void axisLabelsAreShortAndRound() {
    assertEquals(2000.0, Axis.niceStep(1234));
    assertEquals(0.5, Axis.niceStep(0.31));
    assertEquals("12.5k", Axis.label(12_500));
    assertEquals("3M", Axis.label(3_000_000));
    Axis axis = Axis.of(-30, 1234);
    assertEquals(List.of(-500.0, 0.0, 500.0, 1000.0, 1500.0), axis.ticks);
  }

  @Test
  void lineChartsPlotEveryPointAndLabelAboutEightDays() {
    List<String> days = new java.util.ArrayList<>();
    List<BigDecimal> values = new java.util.ArrayList<>();
    for (int d = 1; d <= 30; d++) {
      days.add(String.format("2025-09-%02d", d));
      values.add(BigDecimal.valueOf(d));
    }
    String svg = Charts.lines("t", days, List.of(new Series("aws", values)), "USD per day");
    assertEquals(30, count(svg, "<circle "));
    long labelled = days.stream().filter(d -> svg.contains(">" + d + "</text>")).count();
    assertTrue(labelled >= 6 && labelled <= 10, "labelled days: " + labelled);
  }

  @Test
  void textFromTheTablesIsEscapedEverywhere() {
    Section section =
        new Section(
            "s",
            "Top " + HOSTILE,
            "note",
            Charts.bars(
                HOSTILE,
                List.of(HOSTILE),
                List.of(new Series(HOSTILE, List.of(BigDecimal.ONE))),
                false,
                "USD"),
            List.of("name", "cost"),
            List.of(List.of(HOSTILE, new BigDecimal("1234.5678"))));
    String html = ReportPage.render("r", "s", List.of(section));
    assertFalse(html.contains(HOSTILE), html);
    assertFalse(html.toLowerCase().contains("<script"), "the page runs no script at all");
    assertTrue(html.contains("&lt;script&gt;"));
    assertTrue(html.contains("<td class=\"num\">1,234.57</td>"), html);
    assertTrue(html.contains("href=\"s.csv\""));
  }

  @Test
  void anEmptySectionSaysSoInsteadOfDrawingAnEmptyChart() {
    Section section = new Section("e", "Empty", "note", null, List.of("a"), List.of());
    String html = ReportPage.render("r", "s", List.of(section));
    assertTrue(html.contains("No data for this part yet."));
    assertFalse(html.contains("<svg"));
  }

  private static List<Double> numbers(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    List<Double> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(Double.parseDouble(m.group(1)));
    }
    return out;
  }

  private static int count(String text, String what) {
    return text.split(Pattern.quote(what), -1).length - 1;
  }
}
