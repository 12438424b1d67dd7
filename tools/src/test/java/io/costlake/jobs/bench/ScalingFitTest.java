package io.costlake.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ScalingFitTest {
  @Test
  void linearTimeHasExponentOne() {
    assertEquals(
        1.0,
        ScalingFit.exponent(Map.of(1_000_000L, 10.0, 2_000_000L, 20.0, 4_000_000L, 40.0))
            .getAsDouble(),
        1e-9);
  }

  @Test
  void quadraticTimeHasExponentTwoAndAFixedCostPullsItBelowOne() {
    assertEquals(2.0, ScalingFit.exponent(Map.of(1L, 3.0, 2L, 12.0, 4L, 48.0)).getAsDouble(), 1e-9);
    // 30 s of start-up plus 10 s per million rows: sub-linear over this range.
    double withFixedCost =
        ScalingFit.exponent(Map.of(1_000_000L, 40.0, 2_000_000L, 50.0, 4_000_000L, 70.0))
            .getAsDouble();
    assertEquals(0.40, withFixedCost, 0.01);
  }

  @Test
  void needsTwoSizes() {
    assertFalse(ScalingFit.exponent(Map.of(1_000L, 5.0)).isPresent());
  }
}
