package io.costlake.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spreadsheet-safe CSV: formulas defused, quoting by RFC 4180, numbers exact. */
class CsvTest {
  @Test
  void cellsAStrangerControlsCannotRunAsFormulas() {
    assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", Csv.cell("=HYPERLINK(\"x\")"));
    assertEquals("'+1", Csv.cell("+1"));
    assertEquals("'-2", Csv.cell("-2"));
    assertEquals("'@SUM(A1)", Csv.cell("@SUM(A1)"));
    assertEquals("-2.50", Csv.cell(new BigDecimal("-2.50")), "a negative amount stays a number");
    assertEquals("\"a,b\"", Csv.cell("a,b"));
    assertEquals("\"line\nbreak\"", Csv.cell("line\nbreak"));
  }

  @Test
  void aTableIsAHeaderAndOneLinePerRow() {
    assertEquals(
        "owner,cost\n'=cmd,0.1000000000\n,\n",
        Csv.of(
            List.of("owner", "cost"),
            List.of(List.of("=cmd", new BigDecimal("0.1000000000")), Arrays.asList(null, null))));
  }
}
