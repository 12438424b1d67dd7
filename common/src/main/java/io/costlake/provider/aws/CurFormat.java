package io.costlake.provider.aws;

import java.util.List;

/**
 * The shapes an AWS cost export comes in, each read under its own versioned contract. The version
 * is recorded on every row ({@code x_ContractVersion}) and in {@code ingest_runs}.
 */
public enum CurFormat {
  /** Legacy CUR (1.0) as CSV: {@code lineItem/UnblendedCost} style names. */
  CUR_1_0("aws-cur-1.0/v1"),
  /** Legacy CUR (1.0) with Athena/Parquet names: {@code line_item_unblended_cost}. */
  CUR_1_0_ATHENA("aws-cur-1.0-athena/v1"),
  /** Data Exports CUR 2.0: snake_case names; product, resource_tags, cost_category as maps. */
  CUR_2_0("aws-cur-2.0/v1");

  /** Columns without which a file cannot be mapped at all. */
  public static final List<CurField> REQUIRED =
      List.of(
          CurField.BILL_PAYER_ACCOUNT_ID,
          CurField.BILL_BILLING_PERIOD_START_DATE,
          CurField.BILL_BILLING_PERIOD_END_DATE,
          CurField.LINE_ITEM_LINE_ITEM_TYPE,
          CurField.LINE_ITEM_USAGE_START_DATE,
          CurField.LINE_ITEM_USAGE_END_DATE,
          CurField.LINE_ITEM_PRODUCT_CODE,
          CurField.LINE_ITEM_CURRENCY_CODE,
          CurField.LINE_ITEM_UNBLENDED_COST);

  private final String contractVersion;

  CurFormat(String contractVersion) {
    this.contractVersion = contractVersion;
  }

  public String contractVersion() {
    return contractVersion;
  }
}
