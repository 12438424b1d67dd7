package io.costlake.chargeback;

import static io.costlake.testing.Money.assertMoney;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.costlake.errors.CostlakeException;
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
}
