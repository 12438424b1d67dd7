package io.costlake.chargeback;

import static io.costlake.testing.Money.assertMoney;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.config.BillingProfileConfig;
import io.costlake.testing.Configs;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pricing on plain values: tiers, a profile change mid-quarter, FX, credits, rounding. */
class ChargebackCalculatorTest {
  private static final FxRates FX =
      new FxRates(
          List.of(
              new String[] {"2025-09", "USD", "EUR", "0.9"},
              new String[] {"2025-10-15", "USD", "EUR", "0.8"},
              new String[] {"2025-10-31", "USD", "EUR", "0.85"}));

  private static List<BillingProfileConfig> profiles(String... yaml) {
    return Configs.yaml("chargeback:\n  profiles:\n" + String.join("\n", yaml))
        .chargeback()
        .profiles();
  }

  private static OwnerCost cost(String owner, String period, String service, String amount) {
    return new OwnerCost(owner, period, service, null, null, "USD", new BigDecimal(amount));
  }

  @Test
  void tiersAreMarginalLikeTaxBrackets() {
    List<BillingProfileConfig> p =
        profiles(
            "    - {id: big, owners: [a], currency: USD,",
            "       tiers: [{above: 10000, discountPct: 2}, {above: 50000, discountPct: 5}]}");
    ChargebackCalculator.Result r =
        new ChargebackCalculator(p, FX)
            .price(
                List.of(cost("a", "2025-09", "EC2", "40000"), cost("a", "2025-09", "S3", "20000")),
                Map.of());
    // 40000 above 10000 at 2% (800) + 10000 above 50000 at 5% (500), split 2:1 across services.
    assertMoney(
        "1300",
        r.lines().stream()
            .map(ChargebackLine::volumeDiscount)
            .reduce(BigDecimal.ZERO, BigDecimal::add));
    assertMoney("866.6666666667", r.lines().get(0).volumeDiscount());
    assertMoney("58700.00", r.invoices().get(0).total());
  }

  private static OwnerCost usage(String service, String unit, String quantity, String amount) {
    return new OwnerCost(
        "a", "2025-09", service, unit, new BigDecimal(quantity), "USD", new BigDecimal(amount));
  }

  @Test
  void quantityTiersDiscountTheUnitsAboveEachThresholdAtTheAverageUnitCost() {
    List<BillingProfileConfig> p =
        profiles(
            "    - {id: q, owners: [a], currency: USD, tiers: [",
            "        {basis: quantity, unit: Hours, above: 1000, discountPct: 10},",
            "        {basis: quantity, unit: Hours, above: 2000, discountPct: 20}]}");
    ChargebackCalculator.Result r =
        new ChargebackCalculator(p, FX)
            .price(
                List.of(
                    usage("EC2", "Hours", "2000", "400"),
                    usage("EC2", "Hours", "1000", "200"),
                    usage("EC2", "GB", "50", "100"),
                    usage("RDS", "Hours", "1000", "400")),
                Map.of());
    // One line per (service, unit), quantities summed.
    assertEquals(3, r.lines().size());
    ChargebackLine ec2Hours =
        r.lines().stream()
            .filter(l -> l.service().equals("EC2") && "Hours".equals(l.unit()))
            .findFirst()
            .orElseThrow();
    assertMoney("3000", ec2Hours.quantity());
    // 4000 Hours for 1000: 1000 of them at 10% and 2000 at 20% = 500 discounted Hours at 0.25.
    assertMoney("75", ec2Hours.volumeDiscount()); // 125 shared 600:400 with RDS
    ChargebackLine gb =
        r.lines().stream().filter(l -> "GB".equals(l.unit())).findFirst().orElseThrow();
    assertMoney("0", gb.volumeDiscount());
    assertMoney("975.00", r.invoices().get(0).total());
  }

  @Test
  void aQuantityTierNamesItsUnit() {
    RuntimeException e =
        assertThrows(
            RuntimeException.class,
            () ->
                profiles(
                    "    - {id: q, owners: [a], currency: USD, tiers: [",
                    "        {basis: quantity, above: 10, discountPct: 1}]}"));
    assertTrue(e.getMessage().contains("unit"), e.getMessage());
  }

  @Test
  void aProfileChangeMidQuarterPricesEachMonthByTheVersionInForce() {
    List<BillingProfileConfig> p =
        profiles(
            "    - {id: team, version: 1, to: '2025-08', owners: [a], currency: USD, markupPct: 10}",
            "    - {id: team, version: 2, from: '2025-09', owners: [a], currency: USD, markupPct: 5,",
            "       taxPct: 20}");
    ChargebackCalculator.Result r =
        new ChargebackCalculator(p, FX)
            .price(
                List.of(cost("a", "2025-08", "EC2", "100"), cost("a", "2025-09", "EC2", "100")),
                Map.of());
    assertEquals(1, r.lines().get(0).profileVersion());
    assertMoney("110.00", r.invoices().get(0).total());
    assertEquals(2, r.lines().get(1).profileVersion());
    assertMoney("126.00", r.invoices().get(1).total()); // (100 + 5) x 1.2
  }

  @Test
  void foreignCurrencyConvertsAtTheMonthlyRateElseTheMonthEndRate() {
    List<BillingProfileConfig> p = profiles("    - {id: eu, owners: [a], currency: EUR}");
    ChargebackCalculator.Result r =
        new ChargebackCalculator(p, FX)
            .price(
                List.of(
                    cost("a", "2025-09", "EC2", "100"),
                    cost("a", "2025-10", "EC2", "100"),
                    cost("a", "2025-11", "EC2", "100")),
                Map.of());
    assertMoney("0.9", r.lines().get(0).fxRate());
    assertEquals("2025-09", r.lines().get(0).fxRateDate);
    assertMoney("90.00", r.invoices().get(0).total());
    assertMoney("0.85", r.lines().get(1).fxRate());
    assertEquals("2025-10-31", r.lines().get(1).fxRateDate);
    // November: the last known daily rate, October 31, still applies.
    assertEquals("2025-10-31", r.lines().get(2).fxRateDate);
    assertEquals(List.of(), r.unpriced());
    ChargebackCalculator.Result noRate =
        new ChargebackCalculator(profiles("    - {id: jp, owners: [a], currency: JPY}"), FX)
            .price(List.of(cost("a", "2025-09", "EC2", "1")), Map.of());
    assertEquals(List.of("2025-09 a: no USD to JPY rate"), noRate.unpriced());
  }

  @Test
  void creditsPayInvoicesUntilUsedUpAndCarryOver() {
    List<BillingProfileConfig> p =
        profiles(
            "    - {id: team, owners: [a], currency: USD, taxPct: 10,",
            "       credits: [{id: launch, amount: 500, from: '2025-09'}]}");
    ChargebackCalculator calculator = new ChargebackCalculator(p, FX);
    ChargebackCalculator.Result september =
        calculator.price(List.of(cost("a", "2025-09", "EC2", "300")), Map.of());
    assertMoney("300", september.invoices().get(0).creditApplied());
    assertMoney("0.00", september.invoices().get(0).total());
    assertMoney("200", september.creditBalances().get("team|launch"));
    // October is priced by a later run, from the balance September left.
    ChargebackCalculator.Result october =
        calculator.price(List.of(cost("a", "2025-10", "EC2", "400")), september.creditBalances());
    assertMoney("200", october.invoices().get(0).creditApplied());
    assertMoney("220.00", october.invoices().get(0).total()); // (400 - 200) x 1.1
    assertMoney("0", october.creditBalances().get("team|launch"));
  }

  @Test
  void roundedLinesAddUpToTheRoundedInvoiceTotal() {
    List<BillingProfileConfig> p =
        profiles("    - {id: team, owners: [a, b, c], currency: USD, markupPct: 3.3333}");
    ChargebackCalculator.Result r =
        new ChargebackCalculator(p, FX)
            .price(
                List.of(
                    cost("a", "2025-09", "EC2", "0.335"),
                    cost("b", "2025-09", "EC2", "0.335"),
                    cost("c", "2025-09", "EC2", "0.335"),
                    cost("d", "2025-09", "EC2", "5")),
                Map.of());
    ChargebackInvoice invoice = r.invoices().get(0);
    BigDecimal lines =
        r.lines().stream()
            .map(ChargebackLine::amountRounded)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    assertMoney(invoice.total().toPlainString(), lines);
    assertMoney("1.04", invoice.total()); // 1.005 x 1.033333 = 1.0385 -> 1.04; lines 0.35 x 3
    assertMoney("-0.01", invoice.roundingResidual());
    assertEquals(List.of("2025-09 d: no billing profile"), r.unpriced());
    assertNull(r.lines().get(0).fxRateDate);
  }
}
