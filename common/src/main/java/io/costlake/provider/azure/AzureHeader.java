package io.costlake.provider.azure;

import io.costlake.ingest.RawFrame;
import io.costlake.ingest.read.BoundHeader;
import io.costlake.ingest.read.Cells;
import io.costlake.ingest.read.ColumnNames;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** An Azure export's header bound to the raw frame, with its dialect (EA, MCA, legacy). */
final class AzureHeader extends BoundHeader {
  private static final long serialVersionUID = 1L;

  private final AzureDialect dialect;
  private final Map<AzureField, Integer> positions = new EnumMap<>(AzureField.class);

  AzureHeader(String[] names) {
    super(names.length);
    Set<String> folded = new HashSet<>();
    Map<AzureField, Integer> ranks = new EnumMap<>(AzureField.class);
    for (int i = 0; i < names.length; i++) {
      String name = clean(names[i]);
      folded.add(ColumnNames.key(name));
      Optional<AzureField> field = AzureField.byColumnName(name);
      if (field.isPresent()) {
        int rank = field.get().rank(name);
        if (rank < ranks.getOrDefault(field.get(), Integer.MAX_VALUE)) {
          ranks.put(field.get(), rank);
          positions.put(field.get(), i);
        }
      } else if (!name.isEmpty() && !KNOWN.contains(ColumnNames.key(name))) {
        unknown.add(name);
      }
    }
    this.dialect = AzureDialect.of(folded);
  }

  /** Columns of the documented exports costlake does not need: not drift. */
  private static final Set<String> KNOWN =
      List.of(
              "InvoiceSectionName",
              "InvoiceSectionId",
              "AccountName",
              "AccountOwnerId",
              "OfferId",
              "ServiceInfo1",
              "ServiceInfo2",
              "ProductOrderId",
              "ProductOrderName",
              "Term",
              "IsAzureCreditEligible",
              "PlanName",
              "ServiceFamily",
              "CostAllocationRuleName",
              "ServiceTier",
              "CostInUsd",
              "CostInPricingCurrency",
              "PaygCostInUsd",
              "ExchangeRateDate",
              "CustomerName",
              "CustomerTenantId",
              "ResellerName",
              "ResellerMpnId",
              "Location",
              "PreviousInvoiceId",
              "ChargeTypeCategory")
          .stream()
          .map(ColumnNames::key)
          .collect(Collectors.toSet());

  AzureDialect dialect() {
    return dialect;
  }

  @Override
  public String contract() {
    return dialect.contract();
  }

  @Override
  protected List<String> missingColumnNames() {
    return AzureDialect.REQUIRED.stream()
        .filter(f -> !positions.containsKey(f))
        .map(f -> String.join(" or ", f.names()))
        .collect(Collectors.toList());
  }

  @Override
  public void fill(String[] record, Object[] values) {
    for (Map.Entry<AzureField, Integer> entry : positions.entrySet()) {
      values[RawFrame.FIRST_PROVIDER_FIELD + entry.getKey().ordinal()] =
          Cells.cell(record, entry.getValue());
    }
  }
}
