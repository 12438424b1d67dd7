-- costlake bench's single-node baseline: AWS CUR 1.0 CSV to FOCUS 1.2 columns in DuckDB, the core
-- of what costlake's AwsCurMapping does (typed money as DECIMAL(38,10), charge category and class,
-- effective cost of covered usage, commitment columns, tags as a map, a record hash), written as
-- Parquet partitioned like cost_line_items. It does not validate rows, quarantine, derive unused
-- commitment rows, audit files or commit atomically: it is a lower bound on the same normalization.
-- ${files} and ${out} are filled in by DuckDbCurNormalization.
COPY (
  WITH raw AS (
    SELECT * FROM read_csv(${files}, header = true, all_varchar = true, compression = 'gzip',
                           union_by_name = true, filename = true)
  ),
  typed AS (
    SELECT *,
      CAST("lineItem/UnblendedCost" AS DECIMAL(38, 10)) AS unblended,
      CAST(NULLIF("lineItem/NetUnblendedCost", '') AS DECIMAL(38, 10)) AS net_unblended,
      CAST(NULLIF("pricing/publicOnDemandCost", '') AS DECIMAL(38, 10)) AS public_cost,
      CAST(NULLIF("reservation/EffectiveCost", '') AS DECIMAL(38, 10)) AS ri_effective,
      CAST(NULLIF("savingsPlan/SavingsPlanEffectiveCost", '') AS DECIMAL(38, 10)) AS sp_effective,
      CAST(NULLIF("lineItem/UsageAmount", '') AS DECIMAL(38, 18)) AS usage_amount,
      CAST(NULLIF("lineItem/UnblendedRate", '') AS DECIMAL(38, 18)) AS unblended_rate,
      CAST(NULLIF("pricing/publicOnDemandRate", '') AS DECIMAL(38, 18)) AS public_rate
    FROM raw
  )
  SELECT
    'aws' AS x_Provider,
    'AWS' AS ProviderName,
    'AWS' AS ServiceProviderName,
    "bill/InvoicingEntity" AS InvoiceIssuerName,
    "bill/InvoiceId" AS InvoiceId,
    "bill/PayerAccountId" AS BillingAccountId,
    'Billing Account' AS BillingAccountType,
    "lineItem/UsageAccountId" AS SubAccountId,
    'Linked Account' AS SubAccountType,
    strftime(CAST("bill/BillingPeriodStartDate" AS TIMESTAMPTZ), '%Y-%m') AS x_BillingPeriod,
    CAST("bill/BillingPeriodStartDate" AS TIMESTAMPTZ) AS BillingPeriodStart,
    CAST("bill/BillingPeriodEndDate" AS TIMESTAMPTZ) AS BillingPeriodEnd,
    CAST("lineItem/UsageStartDate" AS TIMESTAMPTZ) AS ChargePeriodStart,
    CAST("lineItem/UsageEndDate" AS TIMESTAMPTZ) AS ChargePeriodEnd,
    "lineItem/CurrencyCode" AS BillingCurrency,
    "pricing/currency" AS PricingCurrency,
    "lineItem/LineItemType" AS x_ChargeType,
    CASE
      WHEN "lineItem/LineItemType" IN ('Usage', 'DiscountedUsage', 'SavingsPlanCoveredUsage') THEN 'Usage'
      WHEN "lineItem/LineItemType" IN ('Fee', 'RIFee', 'SavingsPlanRecurringFee', 'SavingsPlanUpfrontFee') THEN 'Purchase'
      WHEN "lineItem/LineItemType" = 'Tax' THEN 'Tax'
      WHEN "lineItem/LineItemType" IN ('Credit', 'Refund', 'SavingsPlanNegation', 'EdpDiscount',
                                       'BundledDiscount', 'PrivateRateDiscount') THEN 'Credit'
      ELSE 'Adjustment'
    END AS ChargeCategory,
    CASE WHEN "lineItem/LineItemType" = 'Refund' THEN 'Correction' END AS ChargeClass,
    CASE
      WHEN "lineItem/LineItemType" IN ('Fee', 'SavingsPlanUpfrontFee') THEN 'One-Time'
      WHEN "lineItem/LineItemType" IN ('RIFee', 'SavingsPlanRecurringFee') THEN 'Recurring'
      ELSE 'Usage-Based'
    END AS ChargeFrequency,
    "lineItem/LineItemDescription" AS ChargeDescription,
    COALESCE(net_unblended, unblended) AS BilledCost,
    CASE
      WHEN "lineItem/LineItemType" = 'SavingsPlanCoveredUsage' THEN sp_effective
      WHEN "lineItem/LineItemType" = 'DiscountedUsage' THEN ri_effective
      WHEN "lineItem/LineItemType" IN ('SavingsPlanNegation', 'SavingsPlanUpfrontFee') THEN 0
      WHEN "lineItem/LineItemType" = 'Fee' AND "reservation/ReservationARN" <> '' THEN 0
      ELSE COALESCE(net_unblended, unblended)
    END AS EffectiveCost,
    COALESCE(public_cost, unblended) AS ListCost,
    public_rate AS ListUnitPrice,
    unblended AS ContractedCost,
    unblended_rate AS ContractedUnitPrice,
    unblended AS x_GrossCost,
    CASE
      WHEN "lineItem/LineItemType" IN ('DiscountedUsage', 'SavingsPlanCoveredUsage') THEN 'Committed'
      WHEN "pricing/term" = 'Spot' THEN 'Dynamic'
      WHEN "lineItem/LineItemType" = 'Usage' THEN 'Standard'
    END AS PricingCategory,
    usage_amount AS PricingQuantity,
    "pricing/unit" AS PricingUnit,
    CASE WHEN "lineItem/LineItemType" IN ('Usage', 'DiscountedUsage', 'SavingsPlanCoveredUsage')
         THEN usage_amount END AS ConsumedQuantity,
    CASE WHEN "lineItem/LineItemType" IN ('Usage', 'DiscountedUsage', 'SavingsPlanCoveredUsage')
         THEN "pricing/unit" END AS ConsumedUnit,
    NULLIF(COALESCE(NULLIF("reservation/ReservationARN", ''), "savingsPlan/SavingsPlanARN"), '')
      AS CommitmentDiscountId,
    CASE WHEN "reservation/ReservationARN" <> '' THEN 'Reservation'
         WHEN "savingsPlan/SavingsPlanARN" <> '' THEN 'Savings Plan' END AS CommitmentDiscountType,
    CASE WHEN "reservation/ReservationARN" <> '' THEN 'Usage'
         WHEN "savingsPlan/SavingsPlanARN" <> '' THEN 'Spend' END AS CommitmentDiscountCategory,
    CASE WHEN "lineItem/LineItemType" IN ('DiscountedUsage', 'SavingsPlanCoveredUsage')
         THEN 'Used' END AS CommitmentDiscountStatus,
    "product/ProductName" AS ServiceName,
    CASE
      WHEN "lineItem/ProductCode" IN ('AmazonEC2', 'AWSLambda', 'AmazonECS', 'AmazonEKS') THEN 'Compute'
      WHEN "lineItem/ProductCode" IN ('AmazonS3', 'AmazonEFS', 'AmazonGlacier') THEN 'Storage'
      WHEN "lineItem/ProductCode" IN ('AmazonRDS', 'AmazonDynamoDB', 'AmazonRedshift') THEN 'Databases'
      WHEN "lineItem/ProductCode" IN ('AmazonCloudFront', 'AmazonVPC', 'AWSDataTransfer') THEN 'Networking'
      ELSE 'Other'
    END AS ServiceCategory,
    "lineItem/ProductCode" AS x_ServiceCode,
    "lineItem/UsageType" AS x_UsageType,
    "lineItem/Operation" AS x_Operation,
    NULLIF("product/region", '') AS RegionId,
    NULLIF("product/location", '') AS RegionName,
    NULLIF("lineItem/AvailabilityZone", '') AS AvailabilityZone,
    NULLIF("lineItem/ResourceId", '') AS ResourceId,
    NULLIF("product/sku", '') AS SkuId,
    NULLIF("pricing/RateId", '') AS SkuPriceId,
    map_from_entries(list_filter([
        {'k': 'aws:createdBy', 'v': "resourceTags/aws:createdBy"},
        {'k': 'user:CostCenter', 'v': "resourceTags/user:CostCenter"},
        {'k': 'user:cost-center', 'v': "resourceTags/user:cost-center"},
        {'k': 'user:Environment', 'v': "resourceTags/user:Environment"},
        {'k': 'user:Owner', 'v': "resourceTags/user:Owner"},
        {'k': 'user:Name', 'v': "resourceTags/user:Name"}], lambda e: e.v <> '')) AS Tags,
    map_from_entries(list_filter([{'k': 'Team', 'v': "costCategory/Team"}], lambda e: e.v <> ''))
      AS x_CostCategories,
    sha256(concat_ws(chr(31), *COLUMNS(lambda c: c LIKE '%/%'))) AS x_RecordHash,
    filename AS x_SourceFile
  FROM typed
) TO ${out} (FORMAT PARQUET, COMPRESSION SNAPPY, PARTITION_BY (x_BillingPeriod, BillingAccountId));
