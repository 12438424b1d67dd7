package io.costlake.ingest.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SwallowedLinesTest {
  @Test
  void aCellHoldingALineAsWideAsARecordIsFound() {
    String[] record = {"a", "b", "opened here\n1,2,3,4\n5,6,7,8\n"};
    assertEquals(2, SwallowedLines.cellHolding(record, 4));
    // A line narrower than the header (its last cells left out) still counts.
    assertEquals(0, SwallowedLines.cellHolding(new String[] {"x\n1,2,3,4"}, 7));
  }

  @Test
  void textThatOnlyBreaksLinesIsLeftAlone() {
    String[] record = {"a", "a description\nover two lines, with a comma", "c", null, "e"};
    assertEquals(-1, SwallowedLines.cellHolding(record, 6));
    assertEquals(-1, SwallowedLines.cellHolding(new String[] {"x\n,"}, 1));
  }

  @Test
  void theRawLinesAreKept() {
    String said = SwallowedLines.describe("why", "lines 3-5", "raw,text\n1,2");
    assertTrue(said.startsWith("why (lines 3-5 of the file"), said);
    assertTrue(said.endsWith("raw,text\n1,2"), said);
  }
}
