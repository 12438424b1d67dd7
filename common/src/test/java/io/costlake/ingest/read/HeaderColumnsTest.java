package io.costlake.ingest.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class HeaderColumnsTest {
  @Test
  void aColumnNamedTwiceIsNamedWithBothPositions() {
    assertEquals(
        "the header names column 'lineItem/UnblendedCost' twice, at positions 2 and 4;"
            + " which one holds its values is ambiguous",
        HeaderColumns.twice(
            new String[] {"a", "lineItem/UnblendedCost", "b", " lineItem/UnblendedCost"}));
  }

  @Test
  void tagKeysDifferingByCaseAndBlankTrailingCellsAreNoDuplicates() {
    assertNull(
        HeaderColumns.twice(
            new String[] {"resourceTags/user:Team", "resourceTags/user:team", "", "", null}));
  }
}
