package io.costlake.reconcile;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** One provider invoice, as given in the invoices file. */
public final class Invoice {
  final String id;
  final String provider;
  final String billingAccountId;
  final String billingPeriod;
  final String currency;
  final BigDecimal amountBeforeTax;
  final BigDecimal tax;
  final BigDecimal total;
  final Instant issuedAt;

  public Invoice(
      String id,
      String provider,
      String billingAccountId,
      String billingPeriod,
      String currency,
      BigDecimal amountBeforeTax,
      BigDecimal tax,
      BigDecimal total,
      Instant issuedAt) {
    this.id = Objects.requireNonNull(id);
    this.provider = Objects.requireNonNull(provider);
    this.billingAccountId = Objects.requireNonNull(billingAccountId);
    this.billingPeriod = Objects.requireNonNull(billingPeriod);
    this.currency = Objects.requireNonNull(currency);
    this.amountBeforeTax = Objects.requireNonNull(amountBeforeTax);
    this.tax = Objects.requireNonNull(tax);
    this.total = Objects.requireNonNull(total);
    this.issuedAt = issuedAt;
  }

  public String billingPeriod() {
    return billingPeriod;
  }

  public String id() {
    return id;
  }

  Key key() {
    return new Key(provider, billingAccountId, billingPeriod);
  }

  /** (provider, billing account, billing period): what invoices and cost lines are matched on. */
  static final class Key implements Comparable<Key> {
    final String provider;
    final String account;
    final String period;

    Key(String provider, String account, String period) {
      this.provider = provider;
      this.account = account;
      this.period = period;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Key)) {
        return false;
      }
      Key k = (Key) o;
      return provider.equals(k.provider) && account.equals(k.account) && period.equals(k.period);
    }

    @Override
    public int hashCode() {
      return Objects.hash(provider, account, period);
    }

    @Override
    public int compareTo(Key o) {
      int c = period.compareTo(o.period);
      if (c == 0) c = provider.compareTo(o.provider);
      return c != 0 ? c : account.compareTo(o.account);
    }
  }
}
