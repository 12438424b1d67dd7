package io.costlake.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.math.BigDecimal;

/** Exact money assertions: decimals are compared by value, never with a float delta. */
public final class Money {
  private Money() {}

  public static void assertMoney(String expected, Object actual) {
    assertMoney(expected, actual, "");
  }

  public static void assertMoney(String expected, Object actual, String what) {
    assertNotNull(actual, what + ": expected " + expected + " but was null");
    BigDecimal value = (BigDecimal) actual;
    assertEquals(
        0,
        new BigDecimal(expected).compareTo(value),
        what + ": expected " + expected + " but was " + value.toPlainString());
  }
}
