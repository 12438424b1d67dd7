package io.costlake.chargeback;

import io.costlake.config.BillingProfileConfig;
import io.costlake.config.BillingProfileConfig.CreditConfig;
import io.costlake.config.BillingProfileConfig.TierConfig;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Prices owners' cost with their billing profiles, period by period in order: convert to the
 * profile's currency, add markup, take the flat and the tiered volume discounts, apply credits
 * (carrying what is left to the next period), add tax, and round each invoice so its total equals
 * the sum of its rounded lines. Works on small aggregates (owners x services x periods); every
 * amount is an exact BigDecimal until the invoice rounds it.
 */
public final class ChargebackCalculator {
  private static final int SCALE = Shares.SCALE;
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private final List<BillingProfileConfig> profiles;
  private final FxRates fx;

  public ChargebackCalculator(List<BillingProfileConfig> profiles, FxRates fx) {
    this.profiles = List.copyOf(profiles);
    this.fx = fx;
  }

  /** What a run produced, and each credit's balance after it (for the next run). */
  public static final class Result {
    final List<ChargebackLine> lines = new ArrayList<>();
    final List<ChargebackInvoice> invoices = new ArrayList<>();
    final Map<String, BigDecimal> creditBalances;
    final List<String> unpriced = new ArrayList<>();

    Result(Map<String, BigDecimal> creditBalances) {
      this.creditBalances = creditBalances;
    }

    public List<ChargebackLine> lines() {
      return lines;
    }

    public List<ChargebackInvoice> invoices() {
      return invoices;
    }

    /** Credit id (profile|credit) to what is left. */
    public Map<String, BigDecimal> creditBalances() {
      return creditBalances;
    }

    /** Owners with cost and no profile, or costs with no FX rate: reported, never dropped. */
    public List<String> unpriced() {
      return unpriced;
    }
  }

  /**
   * @param openingCredits what earlier periods left of each credit (profile id|credit id); credits
   *     not in it start with their full amount in their first period
   */
  public Result price(List<OwnerCost> costs, Map<String, BigDecimal> openingCredits) {
    Result result = new Result(new TreeMap<>(openingCredits));
    TreeSet<String> periods =
        costs.stream().map(c -> c.period).collect(Collectors.toCollection(TreeSet::new));
    for (String period : periods) {
      List<OwnerCost> inPeriod =
          costs.stream().filter(c -> c.period.equals(period)).collect(Collectors.toList());
      for (BillingProfileConfig profile : profiles) {
        if (profile.appliesTo(period)) {
          List<OwnerCost> covered =
              inPeriod.stream()
                  .filter(c -> profile.owners().contains(c.owner))
                  .collect(Collectors.toList());
          priceInvoice(profile, period, covered, result);
        }
      }
      inPeriod.stream()
          .filter(
              c ->
                  profiles.stream()
                      .noneMatch(p -> p.appliesTo(period) && p.owners().contains(c.owner)))
          .map(c -> c.owner)
          .distinct()
          .sorted()
          .forEach(owner -> result.unpriced.add(period + " " + owner + ": no billing profile"));
    }
    return result;
  }

  private void priceInvoice(
      BillingProfileConfig profile, String period, List<OwnerCost> costs, Result result) {
    Map<String, ChargebackLine> byKey = new TreeMap<>();
    for (OwnerCost c : costs) {
      FxRates.Rate rate = fx.rate(c.currency, profile.currency(), period);
      if (rate == null) {
        result.unpriced.add(
            period + " " + c.owner + ": no " + c.currency + " to " + profile.currency() + " rate");
        continue;
      }
      String key =
          String.join(
              "|",
              c.owner,
              Objects.requireNonNullElse(c.service, ""),
              Objects.requireNonNullElse(c.unit, ""),
              c.currency);
      ChargebackLine line =
          byKey.computeIfAbsent(
              key,
              k ->
                  new ChargebackLine(
                      c.owner,
                      period,
                      c.service,
                      c.unit,
                      null,
                      profile.id(),
                      profile.version(),
                      c.currency,
                      profile.currency(),
                      rate.rate,
                      rate.date,
                      BigDecimal.ZERO));
      byKey.put(key, withCost(line, c.quantity, c.cost));
    }
    List<ChargebackLine> lines = new ArrayList<>(byKey.values());
    if (lines.isEmpty()) {
      return;
    }
    for (ChargebackLine line : lines) {
      line.base = line.sourceCost.multiply(line.fxRate).setScale(SCALE, RoundingMode.HALF_UP);
      line.markup = pct(line.base, profile.markupPct());
      line.discount = pct(line.base.add(line.markup), profile.discountPct());
    }
    volumeDiscounts(profile, lines);
    BigDecimal subtotal = sum(lines, ChargebackLine::subtotal);
    BigDecimal credit = applyCredits(profile, period, subtotal, result.creditBalances);
    List<BigDecimal> credits = Shares.split(credit, weights(lines, ChargebackLine::subtotal));
    for (int i = 0; i < lines.size(); i++) {
      ChargebackLine line = lines.get(i);
      line.credit = credits.get(i);
      line.tax = pct(line.subtotal().subtract(line.credit), profile.taxPct());
      line.amount = line.subtotal().subtract(line.credit).add(line.tax);
    }
    BigDecimal exact = sum(lines, ChargebackLine::amount);
    BigDecimal total = exact.setScale(profile.roundingScale(), profile.roundingMode());
    BigDecimal rounded = BigDecimal.ZERO;
    ChargebackLine largest = lines.get(0);
    for (ChargebackLine line : lines) {
      line.amountRounded = line.amount.setScale(profile.roundingScale(), profile.roundingMode());
      rounded = rounded.add(line.amountRounded);
      if (line.amount.abs().compareTo(largest.amount.abs()) > 0) {
        largest = line;
      }
    }
    // The invoice total is the rounded exact total; the largest line absorbs the difference.
    BigDecimal residual = total.subtract(rounded);
    largest.amountRounded = largest.amountRounded.add(residual);
    Map<String, BigDecimal> balances = new TreeMap<>();
    result.creditBalances.forEach(
        (key, value) -> {
          if (key.startsWith(profile.id() + "|")) {
            balances.put(key.substring(profile.id().length() + 1), value);
          }
        });
    BigDecimal balance = balances.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    List<String> owners =
        lines.stream().map(l -> l.owner).distinct().sorted().collect(Collectors.toList());
    result.lines.addAll(lines);
    result.invoices.add(
        new ChargebackInvoice(
            profile.id(),
            profile.version(),
            period,
            profile.currency(),
            subtotal,
            credit,
            balance,
            sum(lines, ChargebackLine::tax),
            exact,
            total,
            residual,
            lines.size(),
            owners,
            balances));
  }

  private static ChargebackLine withCost(
      ChargebackLine line, BigDecimal quantity, BigDecimal cost) {
    ChargebackLine sum =
        new ChargebackLine(
            line.owner,
            line.period,
            line.service,
            line.unit,
            quantity == null
                ? line.quantity
                : Objects.requireNonNullElse(line.quantity, BigDecimal.ZERO).add(quantity),
            line.profileId,
            line.profileVersion,
            line.sourceCurrency,
            line.billingCurrency,
            line.fxRate,
            line.fxRateDate,
            line.sourceCost.add(cost));
    return sum;
  }

  /**
   * Marginal tiers on the month's cost after markup and flat discount, overall or per service, by
   * spend or by quantity consumed; each ladder's discount is shared by the lines it counts in
   * proportion to their cost.
   */
  private static void volumeDiscounts(BillingProfileConfig profile, List<ChargebackLine> lines) {
    Map<String, List<TierConfig>> byScope = new LinkedHashMap<>();
    for (TierConfig tier : profile.tiers()) {
      byScope.computeIfAbsent(tier.scope(), k -> new ArrayList<>()).add(tier);
    }
    for (List<TierConfig> ladder : byScope.values()) {
      TierConfig first = ladder.get(0);
      List<ChargebackLine> scoped =
          lines.stream()
              .filter(l -> first.service() == null || first.service().equals(l.service))
              .filter(l -> !first.byQuantity() || first.unit().equals(l.unit))
              .collect(Collectors.toList());
      List<BigDecimal> weights = weights(scoped, l -> l.base.add(l.markup).subtract(l.discount));
      BigDecimal cost = weights.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
      BigDecimal discount;
      if (first.byQuantity()) {
        BigDecimal quantity =
            scoped.stream()
                .map(l -> Objects.requireNonNullElse(l.quantity, BigDecimal.ZERO))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        // The discounted units at the month's average unit cost: cost x discounted / consumed.
        discount =
            quantity.signum() <= 0
                ? BigDecimal.ZERO
                : cost.multiply(marginal(quantity, ladder))
                    .divide(quantity, SCALE, RoundingMode.HALF_UP);
      } else {
        discount = marginal(cost, ladder);
      }
      List<BigDecimal> parts = Shares.split(discount, weights);
      for (int i = 0; i < scoped.size(); i++) {
        scoped.get(i).volumeDiscount = scoped.get(i).volumeDiscount.add(parts.get(i));
      }
    }
  }

  static BigDecimal marginal(BigDecimal amount, List<TierConfig> tiers) {
    List<TierConfig> sorted = new ArrayList<>(tiers);
    sorted.sort(Comparator.comparing(TierConfig::above));
    BigDecimal discount = BigDecimal.ZERO;
    for (int i = 0; i < sorted.size(); i++) {
      BigDecimal from = sorted.get(i).above();
      BigDecimal to = i + 1 < sorted.size() ? sorted.get(i + 1).above() : null;
      BigDecimal slice = amount.subtract(from);
      if (to != null) {
        slice = slice.min(to.subtract(from));
      }
      if (slice.signum() > 0) {
        discount = discount.add(pct(slice, sorted.get(i).discountPct()));
      }
    }
    return discount;
  }

  /** Uses the profile's credits, oldest first, up to the amount due; the rest carries over. */
  private static BigDecimal applyCredits(
      BillingProfileConfig profile,
      String period,
      BigDecimal due,
      Map<String, BigDecimal> balances) {
    List<CreditConfig> granted =
        profile.credits().stream()
            .filter(c -> c.from().compareTo(period) <= 0)
            .sorted(Comparator.comparing(CreditConfig::from).thenComparing(CreditConfig::id))
            .collect(Collectors.toList());
    BigDecimal left = due.max(BigDecimal.ZERO);
    BigDecimal applied = BigDecimal.ZERO;
    for (CreditConfig credit : granted) {
      String key = profile.id() + "|" + credit.id();
      BigDecimal balance = balances.getOrDefault(key, credit.amount());
      BigDecimal use = balance.min(left);
      balances.put(key, balance.subtract(use));
      left = left.subtract(use);
      applied = applied.add(use);
    }
    return applied;
  }

  private static BigDecimal pct(BigDecimal amount, BigDecimal percent) {
    return amount.multiply(percent).divide(HUNDRED, SCALE, RoundingMode.HALF_UP);
  }

  private static List<BigDecimal> weights(
      List<ChargebackLine> lines, java.util.function.Function<ChargebackLine, BigDecimal> f) {
    return lines.stream().map(f).collect(Collectors.toList());
  }

  private static BigDecimal sum(
      List<ChargebackLine> lines, java.util.function.Function<ChargebackLine, BigDecimal> f) {
    return lines.stream().map(f).reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
