package io.costlake.chargeback;

import static io.costlake.testing.Money.assertMoney;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.costlake.errors.CostlakeException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class FxRatesTest {
  @Test
  void aRateTableMayQuoteItsCellsAsASpreadsheetSavesThem() {
    FxRates rates =
        FxRates.parse(
            List.of(
                "\"note, if any\",Date,From,To,Rate",
                "\"monthly, from treasury\",2025-09,USD,EUR,0.9",
                "",
                "\"\",\"2025-10\",\"USD\",\"EUR\",\" 0.8 \""),
            "conf/fx.csv");
    assertMoney("0.9", rates.rate("USD", "EUR", "2025-09").rate);
    assertMoney("0.8", rates.rate("USD", "EUR", "2025-10").rate);
  }

  @Test
  void aBadLineIsNamed() {
    CostlakeException e =
        assertThrows(
            CostlakeException.class,
            () ->
                FxRates.parse(List.of("date,from,to,rate", "2025-09,USD,\"E,UR\",0.9"), "fx.csv"));
    assertEquals(
        "Cannot use fx.csv: line 2 column to: 'E,UR' is not a currency code", e.getMessage());
  }

  @Test
  void aDayConvertsAtTheLatestQuoteOnOrBeforeItAMonthCountingFromItsFirstDay() {
    FxRates rates =
        FxRates.parse(
            List.of(
                "date,from,to,rate",
                "2025-09,EUR,USD,1.08",
                "2025-09-30,EUR,USD,1.09",
                "2025-10-15,EUR,USD,1.07",
                "2025-11,EUR,USD,1.05"),
            "fx.csv");
    assertMoney("1.08", rates.rateOn("EUR", "USD", LocalDate.parse("2025-09-01")).value());
    assertMoney("1.08", rates.rateOn("EUR", "USD", LocalDate.parse("2025-09-29")).value());
    assertMoney("1.09", rates.rateOn("EUR", "USD", LocalDate.parse("2025-10-14")).value());
    assertEquals(
        "2025-10-15", rates.rateOn("EUR", "USD", LocalDate.parse("2025-10-20")).quotedFor());
    assertEquals("2025-11", rates.rateOn("EUR", "USD", LocalDate.parse("2025-11-30")).quotedFor());
    assertNull(rates.rateOn("EUR", "USD", LocalDate.parse("2025-08-31")), "nothing quoted yet");
    assertNull(rates.rateOn("USD", "EUR", LocalDate.parse("2025-10-01")), "no such pair");
    assertMoney("1", rates.rateOn("USD", "USD", LocalDate.parse("2025-10-01")).value());
  }
}
