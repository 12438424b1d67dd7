package io.costlake.provider.azure;

import java.util.List;
import java.util.Set;

/**
 * The shapes of Azure cost details, each read under its own contract: Enterprise Agreement,
 * Microsoft Customer Agreement, and the legacy pay-as-you-go usage export.
 */
public enum AzureDialect {
  EA("azure-ea/v1", "Billing Account"),
  MCA("azure-mca/v1", "Billing Profile"),
  PAYG_LEGACY("azure-payg-legacy/v1", "Subscription");

  /** Fields without which no row can be mapped. */
  static final List<AzureField> REQUIRED =
      List.of(AzureField.DATE, AzureField.COST, AzureField.BILLING_CURRENCY);

  private final String contract;
  private final String billingAccountType;

  AzureDialect(String contract, String billingAccountType) {
    this.contract = contract;
    this.billingAccountType = billingAccountType;
  }

  public String contract() {
    return contract;
  }

  /** FOCUS BillingAccountType of this dialect. */
  public String billingAccountType() {
    return billingAccountType;
  }

  /**
   * Told by the columns: MCA names the currency {@code BillingCurrency}, the legacy export has no
   * billing period.
   */
  static AzureDialect of(Set<String> foldedColumns) {
    if (foldedColumns.contains("subscriptionguid")
        || foldedColumns.contains("pretaxcost")
        || (foldedColumns.contains("usagedatetime")
            && !foldedColumns.contains("billingperiodstartdate"))) {
      return PAYG_LEGACY;
    }
    if (foldedColumns.contains("billingcurrency")
        || foldedColumns.contains("paygcostinbillingcurrency")
        || foldedColumns.contains("productid")) {
      return MCA;
    }
    return EA;
  }

  static AzureDialect ofContract(String contract) {
    for (AzureDialect dialect : values()) {
      if (dialect.contract.equals(contract)) {
        return dialect;
      }
    }
    return EA;
  }
}
