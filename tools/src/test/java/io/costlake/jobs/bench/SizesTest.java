package io.costlake.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SizesTest {
  @Test
  void readsSuffixesDropsDuplicatesAndSortsSmallestFirst() {
    assertEquals(
        List.of(20_000L, 250_000L, 1_000_000L, 1_500_000L, 8_000_000L),
        Sizes.parse("8M, 1M,250k,20_000,1.5m,1000k"));
  }

  @Test
  void namesTheEntryThatIsNotACount() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Sizes.parse("1M,lots"));
    assertTrue(e.getMessage().contains("'lots'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Sizes.parse("0"));
    assertThrows(IllegalArgumentException.class, () -> Sizes.parse("-5k"));
    assertThrows(IllegalArgumentException.class, () -> Sizes.parse("M"));
    assertThrows(IllegalArgumentException.class, () -> Sizes.parse("1e6"));
  }

  @Test
  void labelsRoundSizesShortly() {
    assertEquals("8M", Sizes.label(8_000_000));
    assertEquals("250k", Sizes.label(250_000));
    assertEquals("1500k", Sizes.label(1_500_000));
    assertEquals("1234", Sizes.label(1234));
  }
}
