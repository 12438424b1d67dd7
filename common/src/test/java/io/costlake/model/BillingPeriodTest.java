package io.costlake.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class BillingPeriodTest {
  @Test
  void aPeriodIsAMonthWrittenAsTheTablesWriteIt() {
    BillingPeriod october = BillingPeriod.parse("2025-10");
    assertEquals("2025-10", october.toString());
    assertEquals(LocalDate.of(2025, 10, 1), october.start());
    assertEquals(LocalDate.of(2025, 11, 1), october.end());
    assertEquals(
        List.of("2024-12", "2025-10"),
        new TreeSet<>(List.of(october, BillingPeriod.parse("2024-12")))
            .stream().map(String::valueOf).collect(java.util.stream.Collectors.toList()));
  }

  @Test
  void anythingButAMonthIsNoPeriod() {
    for (String text : List.of("2025-13", "2025-00", "2025-1", "25-10", "2025-10-01", "", "x")) {
      assertTrue(BillingPeriod.tryParse(text).isEmpty(), text);
    }
    assertTrue(BillingPeriod.tryParse(null).isEmpty());
    assertThrows(IllegalArgumentException.class, () -> BillingPeriod.parse("2025-13"));
  }
}
