package io.costlake.chargeback;

import java.math.BigDecimal;

/**
 * One line of {@code chargeback_lines}: (owner, period, service, unit, source currency, profile
 * version) with the quantity consumed in that unit, amounts in the billing currency at 10 decimals;
 * {@code amountRounded} is the invoice's rounded figure.
 */
public final class ChargebackLine {
  final String owner;
  final String period;
  final String service;
  final String unit;
  final BigDecimal quantity;
  final String profileId;
  final int profileVersion;
  final String sourceCurrency;
  final String billingCurrency;
  final BigDecimal fxRate;
  final String fxRateDate;
  final BigDecimal sourceCost;
  BigDecimal base;
  BigDecimal markup;
  BigDecimal discount;
  BigDecimal volumeDiscount = BigDecimal.ZERO;
  BigDecimal credit = BigDecimal.ZERO;
  BigDecimal tax = BigDecimal.ZERO;
  BigDecimal amount;
  BigDecimal amountRounded;

  ChargebackLine(
      String owner,
      String period,
      String service,
      String unit,
      BigDecimal quantity,
      String profileId,
      int profileVersion,
      String sourceCurrency,
      String billingCurrency,
      BigDecimal fxRate,
      String fxRateDate,
      BigDecimal sourceCost) {
    this.owner = owner;
    this.period = period;
    this.service = service;
    this.unit = unit;
    this.quantity = quantity;
    this.profileId = profileId;
    this.profileVersion = profileVersion;
    this.sourceCurrency = sourceCurrency;
    this.billingCurrency = billingCurrency;
    this.fxRate = fxRate;
    this.fxRateDate = fxRateDate;
    this.sourceCost = sourceCost;
  }

  /** Cost after markup and every discount, before credits and tax. */
  BigDecimal subtotal() {
    return base.add(markup).subtract(discount).subtract(volumeDiscount);
  }

  public String owner() {
    return owner;
  }

  public String service() {
    return service;
  }

  public String unit() {
    return unit;
  }

  public BigDecimal quantity() {
    return quantity;
  }

  public int profileVersion() {
    return profileVersion;
  }

  public BigDecimal base() {
    return base;
  }

  public BigDecimal markup() {
    return markup;
  }

  public BigDecimal discount() {
    return discount;
  }

  public BigDecimal volumeDiscount() {
    return volumeDiscount;
  }

  public BigDecimal credit() {
    return credit;
  }

  public BigDecimal tax() {
    return tax;
  }

  public BigDecimal amount() {
    return amount;
  }

  public BigDecimal amountRounded() {
    return amountRounded;
  }

  public BigDecimal fxRate() {
    return fxRate;
  }
}
