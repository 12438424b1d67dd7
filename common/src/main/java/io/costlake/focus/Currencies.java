package io.costlake.focus;

import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;

/** ISO 4217 currency codes (the FOCUS validator's list), for checking BillingCurrency. */
public final class Currencies {
  private static final Set<String> CODES = load();

  private Currencies() {}

  public static Set<String> codes() {
    return CODES;
  }

  public static boolean isKnown(String code) {
    return CODES.contains(code);
  }

  /** True when the column holds a known ISO 4217 code. */
  public static Column isKnown(Column code) {
    return code.isin(CODES.stream().map(c -> (Object) c).toArray());
  }

  private static Set<String> load() {
    Set<String> codes = new TreeSet<>();
    for (String[] row : ServiceCatalog.csv("currency_codes.csv")) {
      codes.add(row[1].trim());
    }
    return Set.copyOf(codes);
  }
}
