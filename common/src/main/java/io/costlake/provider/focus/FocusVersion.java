package io.costlake.provider.focus;

import io.costlake.model.FocusColumn;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which FOCUS version a file follows, told by its columns, and the columns older versions named
 * differently. Each version is read under its own contract ({@code focus-1.2/v1}, ...).
 */
public enum FocusVersion {
  V0_5("focus-0.5/v1"),
  V1_0_PREVIEW("focus-1.0-preview/v1"),
  V1_0("focus-1.0/v1"),
  V1_1("focus-1.1/v1"),
  V1_2("focus-1.2/v1"),
  V1_3("focus-1.3/v1");

  /** Old name (folded: lower case, letters and digits) to the FOCUS 1.2 column. */
  static final Map<String, FocusColumn> RENAMED =
      Map.of(
          "amortizedcost", FocusColumn.EffectiveCost,
          "chargetype", FocusColumn.ChargeCategory,
          "provider", FocusColumn.ProviderName,
          "publisher", FocusColumn.PublisherName,
          "invoiceissuer", FocusColumn.InvoiceIssuerName,
          "region", FocusColumn.RegionName,
          "usagequantity", FocusColumn.ConsumedQuantity,
          "usageunit", FocusColumn.ConsumedUnit);

  /** Columns every FOCUS file must have (under any version's name) to be mapped at all. */
  static final List<FocusColumn> REQUIRED =
      List.of(
          FocusColumn.BilledCost,
          FocusColumn.EffectiveCost,
          FocusColumn.ChargeCategory,
          FocusColumn.ChargePeriodStart,
          FocusColumn.ChargePeriodEnd,
          FocusColumn.BillingPeriodStart,
          FocusColumn.BillingPeriodEnd);

  private static final Set<String> SINCE_1_3 =
      Set.of(
          "allocatedmethodid",
          "allocatedmethoddetails",
          "allocatedresourceid",
          "allocatedresourcename",
          "allocatedtags",
          "contractapplied",
          "serviceprovidername",
          "hostprovidername");
  private static final Set<String> SINCE_1_2 =
      Set.of(
          "billingaccounttype",
          "subaccounttype",
          "invoiceid",
          "pricingcurrency",
          "pricingcurrencycontractedunitprice",
          "pricingcurrencyeffectivecost",
          "pricingcurrencylistunitprice");
  private static final Set<String> SINCE_1_1 =
      Set.of(
          "capacityreservationid",
          "capacityreservationstatus",
          "commitmentdiscountquantity",
          "commitmentdiscountunit",
          "servicesubcategory",
          "skumeter",
          "skupricedetails");

  private final String contract;

  FocusVersion(String contract) {
    this.contract = contract;
  }

  public String contract() {
    return contract;
  }

  /** The newest version whose columns the header shows; 1.2 for a bare subset. */
  static FocusVersion of(Set<String> foldedHeader) {
    if (foldedHeader.stream().anyMatch(SINCE_1_3::contains)) {
      return V1_3;
    }
    if (foldedHeader.stream().anyMatch(SINCE_1_2::contains)) {
      return V1_2;
    }
    if (foldedHeader.stream().anyMatch(SINCE_1_1::contains)) {
      return V1_1;
    }
    if (foldedHeader.contains("chargeclass") || foldedHeader.contains("consumedquantity")) {
      return V1_0;
    }
    if (foldedHeader.contains("chargesubcategory") || foldedHeader.contains("usagequantity")) {
      return V1_0_PREVIEW;
    }
    if (foldedHeader.contains("amortizedcost") || foldedHeader.contains("chargetype")) {
      return V0_5;
    }
    return V1_2;
  }
}
