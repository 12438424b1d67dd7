package io.costlake.provider.aws;

import static io.costlake.testing.Money.assertMoney;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.ingest.MappedFrame;
import io.costlake.model.FocusColumn;
import io.costlake.testing.TestSpark;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import scala.collection.JavaConverters;

/** Every AWS mapping rule, on inline rows; money compared exactly. */
class AwsCurMappingTest {
  private static final AwsCurMapping MAPPING = AwsCurMapping.standard();

  private static Row mapOne(CurRows row) {
    List<Row> rows = MAPPING.apply(CurRows.frame(TestSpark.session(), row)).collectAsList();
    assertEquals(1, rows.size());
    return rows.get(0);
  }

  private static List<Row> derived(CurRows... rows) {
    Dataset<Row> mapped = MAPPING.apply(CurRows.frame(TestSpark.session(), rows));
    return AwsCurMapping.unusedCommitments(mapped).collectAsList();
  }

  private static Object get(Row row, FocusColumn column) {
    return row.getAs(column.name());
  }

  private static List<String> errorCodes(Row row) {
    List<Row> errors = row.getList(row.fieldIndex(MappedFrame.ERRORS));
    return errors.stream().map(e -> e.<String>getAs("reason_code")).collect(Collectors.toList());
  }

  private static Row firstError(Row row) {
    List<Row> errors = row.getList(row.fieldIndex(MappedFrame.ERRORS));
    return errors.get(0);
  }

  @Test
  void onDemandUsageFillsTheFocusColumns() {
    Row row = mapOne(CurRows.usage());
    assertEquals(List.of(), errorCodes(row));
    assertMoney("2.304", get(row, FocusColumn.BilledCost));
    assertMoney("2.304", get(row, FocusColumn.EffectiveCost));
    assertMoney("2.304", get(row, FocusColumn.ListCost));
    assertMoney("2.304", get(row, FocusColumn.ContractedCost));
    assertMoney("0.096", get(row, FocusColumn.ListUnitPrice));
    assertMoney("0.096", get(row, FocusColumn.ContractedUnitPrice));
    assertMoney("24", get(row, FocusColumn.ConsumedQuantity));
    assertMoney("24", get(row, FocusColumn.PricingQuantity));
    assertEquals("Hours", get(row, FocusColumn.ConsumedUnit));
    assertEquals("Hours", get(row, FocusColumn.PricingUnit));
    assertEquals("Usage", get(row, FocusColumn.ChargeCategory));
    assertEquals("Usage-Based", get(row, FocusColumn.ChargeFrequency));
    assertEquals("Standard", get(row, FocusColumn.PricingCategory));
    assertNull(get(row, FocusColumn.ChargeClass));
    assertEquals(CurRows.PAYER, get(row, FocusColumn.BillingAccountId));
    assertEquals("Billing Account", get(row, FocusColumn.BillingAccountType));
    assertEquals(CurRows.ACCOUNT, get(row, FocusColumn.SubAccountId));
    assertEquals("Linked Account", get(row, FocusColumn.SubAccountType));
    assertEquals("USD", get(row, FocusColumn.BillingCurrency));
    assertEquals(ts("2024-01-01T00:00:00Z"), get(row, FocusColumn.BillingPeriodStart));
    assertEquals(ts("2024-02-01T00:00:00Z"), get(row, FocusColumn.BillingPeriodEnd));
    assertEquals(ts("2024-01-15T00:00:00Z"), get(row, FocusColumn.ChargePeriodStart));
    assertEquals(ts("2024-01-16T00:00:00Z"), get(row, FocusColumn.ChargePeriodEnd));
    assertEquals("2024-01", get(row, FocusColumn.x_BillingPeriod));
    assertEquals("Amazon Elastic Compute Cloud", get(row, FocusColumn.ServiceName));
    assertEquals("AmazonEC2", get(row, FocusColumn.x_ServiceCode));
    assertEquals("Compute", get(row, FocusColumn.ServiceCategory));
    assertEquals("Virtual Machines", get(row, FocusColumn.ServiceSubcategory));
    assertEquals("us-east-1", get(row, FocusColumn.RegionId));
    assertEquals("US East (N. Virginia)", get(row, FocusColumn.RegionName));
    assertEquals("i-0abc", get(row, FocusColumn.ResourceId));
    assertEquals("Amazon Elastic Compute Cloud", get(row, FocusColumn.ResourceType));
    assertEquals("AWS", get(row, FocusColumn.ProviderName));
    assertEquals("AWS", get(row, FocusColumn.PublisherName));
    // Any of AWS's legal entities is AWS, the provider; another issuer is kept as written.
    assertEquals("AWS", get(row, FocusColumn.InvoiceIssuerName));
    Row resold =
        mapOne(CurRows.usage().with(CurField.BILL_INVOICING_ENTITY, "Example Reseller GmbH"));
    assertEquals("Example Reseller GmbH", get(resold, FocusColumn.InvoiceIssuerName));
    assertEquals("INV-1", get(row, FocusColumn.InvoiceId));
    assertEquals("aws", get(row, FocusColumn.x_Provider));
    assertEquals("Export", get(row, FocusColumn.x_RowOrigin));
    assertEquals("Usage", get(row, FocusColumn.x_ChargeType));
    assertEquals(1L, (long) get(row, FocusColumn.x_SourceRow));
    assertEquals(64, ((String) get(row, FocusColumn.x_RecordHash)).length());
    assertMoney("2.304", row.getAs(MappedFrame.COST_IN));
  }

  @Test
  void oneServiceNamePerServiceCodeWhateverTheRowSays() {
    // A tax row leaves product/ProductName empty; CUR names CloudWatch by its code.
    Row tax =
        mapOne(CurRows.usage().type("Tax").cost("7.5").without(CurField.PRODUCT_PRODUCT_NAME));
    Row cloudWatch =
        mapOne(
            CurRows.usage()
                .with(CurField.LINE_ITEM_PRODUCT_CODE, "AmazonCloudWatch")
                .with(CurField.PRODUCT_PRODUCT_NAME, "AmazonCloudWatch"));
    Row unlisted =
        mapOne(
            CurRows.usage()
                .with(CurField.LINE_ITEM_PRODUCT_CODE, "AmazonNewThing")
                .with(CurField.PRODUCT_PRODUCT_NAME, "Amazon New Thing"));
    Row unnamed =
        mapOne(
            CurRows.usage()
                .with(CurField.LINE_ITEM_PRODUCT_CODE, "AmazonNewThing")
                .without(CurField.PRODUCT_PRODUCT_NAME));
    assertEquals("Amazon Elastic Compute Cloud", get(tax, FocusColumn.ServiceName));
    assertEquals("Amazon CloudWatch", get(cloudWatch, FocusColumn.ServiceName));
    assertEquals("Amazon New Thing", get(unlisted, FocusColumn.ServiceName));
    assertEquals("AmazonNewThing", get(unnamed, FocusColumn.ServiceName));
    assertEquals("AmazonCloudWatch", get(cloudWatch, FocusColumn.x_ServiceCode));
  }

  @Test
  void awsUnitsAreGivenInFocusUnitFormatAndUnknownOnesAreKept() {
    assertEquals("GB-Months", unitOf("GB-Mo"));
    assertEquals("GB-Seconds", unitOf("Lambda-GB-Second"));
    assertEquals("ReadCapacityUnit-Hours", unitOf("ReadCapacityUnit-Hrs"));
    assertEquals("Requests", unitOf("Request"));
    assertEquals("Quanta", unitOf("Quanta"));
  }

  private static Object unitOf(String awsUnit) {
    return get(
        mapOne(CurRows.usage().with(CurField.PRICING_UNIT, awsUnit)), FocusColumn.PricingUnit);
  }

  @Test
  void netColumnsMakeTheBilledCostNetAndKeepTheGross() {
    Row row = mapOne(CurRows.usage().net("2.2348"));
    assertMoney("2.2348", get(row, FocusColumn.BilledCost));
    assertMoney("2.2348", get(row, FocusColumn.EffectiveCost));
    assertMoney("2.304", get(row, FocusColumn.x_GrossCost));
    assertMoney("2.304", get(row, FocusColumn.x_GrossEffectiveCost));
    assertMoney("2.2348", row.getAs(MappedFrame.COST_IN));
  }

  @Test
  void reservedInstanceUsageCostsItsAmortizedShare() {
    Row row =
        mapOne(
            CurRows.usage()
                .type("DiscountedUsage")
                .cost("0")
                .with(CurField.LINE_ITEM_UNBLENDED_RATE, "0")
                .with(CurField.RESERVATION_RESERVATION_A_R_N, CurRows.RI_ARN)
                .with(CurField.RESERVATION_EFFECTIVE_COST, "1.392")
                .with(CurField.RESERVATION_NET_EFFECTIVE_COST, "1.35")
                .netColumns());
    assertMoney("0", get(row, FocusColumn.BilledCost));
    assertMoney("1.35", get(row, FocusColumn.EffectiveCost));
    assertMoney("1.392", get(row, FocusColumn.x_GrossEffectiveCost));
    assertMoney("2.304", get(row, FocusColumn.ListCost));
    assertMoney("2.304", get(row, FocusColumn.ContractedCost));
    assertMoney("0.096", get(row, FocusColumn.ContractedUnitPrice));
    assertEquals("Committed", get(row, FocusColumn.PricingCategory));
    assertEquals(CurRows.RI_ARN, get(row, FocusColumn.CommitmentDiscountId));
    assertEquals("ri-1", get(row, FocusColumn.CommitmentDiscountName));
    assertEquals("Usage", get(row, FocusColumn.CommitmentDiscountCategory));
    assertEquals("Reserved Instance", get(row, FocusColumn.CommitmentDiscountType));
    assertEquals("Used", get(row, FocusColumn.CommitmentDiscountStatus));
    assertMoney("24", get(row, FocusColumn.CommitmentDiscountQuantity));
    assertEquals("Hours", get(row, FocusColumn.CommitmentDiscountUnit));
    assertEquals("i-0abc", get(row, FocusColumn.ResourceId));
  }

  @Test
  void savingsPlanCoveredUsageAndItsNegationNetToZeroBilled() {
    CurRows covered =
        CurRows.usage()
            .type("SavingsPlanCoveredUsage")
            .cost("10")
            .with(CurField.SAVINGS_PLAN_SAVINGS_PLAN_A_R_N, CurRows.SP_ARN)
            .with(CurField.SAVINGS_PLAN_SAVINGS_PLAN_EFFECTIVE_COST, "7.2");
    CurRows negation =
        CurRows.usage()
            .type("SavingsPlanNegation")
            .cost("-10")
            .without(CurField.PRICING_PUBLIC_ON_DEMAND_COST)
            .with(CurField.SAVINGS_PLAN_SAVINGS_PLAN_A_R_N, CurRows.SP_ARN);
    Row c = mapOne(covered);
    Row n = mapOne(negation);
    assertMoney("10", get(c, FocusColumn.BilledCost));
    assertMoney("7.2", get(c, FocusColumn.EffectiveCost));
    assertEquals("Spend", get(c, FocusColumn.CommitmentDiscountCategory));
    assertEquals("Savings Plan", get(c, FocusColumn.CommitmentDiscountType));
    assertEquals("Used", get(c, FocusColumn.CommitmentDiscountStatus));
    assertMoney("7.2", get(c, FocusColumn.CommitmentDiscountQuantity));
    assertEquals("USD", get(c, FocusColumn.CommitmentDiscountUnit));
    assertMoney("-10", get(n, FocusColumn.BilledCost));
    assertMoney("0", get(n, FocusColumn.EffectiveCost));
    assertMoney("0", get(n, FocusColumn.ListCost));
    assertMoney("0", get(n, FocusColumn.ContractedCost));
    assertEquals("Committed", get(n, FocusColumn.PricingCategory));
    // FOCUS: non-negative prices whose product with the quantity is the (zero) contracted cost.
    assertMoney("0", get(n, FocusColumn.ConsumedQuantity), "a negation consumes nothing");
    assertMoney("0", get(n, FocusColumn.ContractedUnitPrice));
    assertMoney("0", get(n, FocusColumn.ListUnitPrice));
    assertNotNull(get(n, FocusColumn.PricingQuantity));
    assertMoney("0", get(n, FocusColumn.CommitmentDiscountQuantity));
  }

  @Test
  void riFeeIsAPurchaseAndItsUnusedPartBecomesAnUnusedUsageRow() {
    CurRows fee =
        CurRows.usage()
            .type("RIFee")
            .cost("100")
            .without(CurField.LINE_ITEM_RESOURCE_ID)
            .with(CurField.LINE_ITEM_USAGE_AMOUNT, "2000")
            .with(CurField.LINE_ITEM_UNBLENDED_RATE, "0.05")
            .with(CurField.RESERVATION_RESERVATION_A_R_N, CurRows.RI_ARN)
            .with(CurField.RESERVATION_UNUSED_QUANTITY, "100")
            .with(CurField.RESERVATION_UNUSED_AMORTIZED_UPFRONT_FEE_FOR_BILLING_PERIOD, "5")
            .with(CurField.RESERVATION_UNUSED_RECURRING_FEE, "10");
    Row row = mapOne(fee);
    assertEquals("Purchase", get(row, FocusColumn.ChargeCategory));
    assertEquals("Recurring", get(row, FocusColumn.ChargeFrequency));
    assertEquals("Standard", get(row, FocusColumn.PricingCategory));
    assertMoney("100", get(row, FocusColumn.BilledCost));
    assertMoney("0", get(row, FocusColumn.EffectiveCost));
    assertEquals(CurRows.RI_ARN, get(row, FocusColumn.ResourceId));
    assertEquals("Reserved Instance", get(row, FocusColumn.ResourceType));
    assertNull(get(row, FocusColumn.CommitmentDiscountStatus));
    assertNull(get(row, FocusColumn.ConsumedQuantity));
    // A fee is priced at its own rate: list and contracted unit price times hours is the fee.
    assertMoney("0.05", get(row, FocusColumn.ListUnitPrice));
    assertMoney("0.05", get(row, FocusColumn.ContractedUnitPrice));

    List<Row> unused = derived(fee);
    assertEquals(1, unused.size());
    Row u = unused.get(0);
    assertEquals("UnusedCommitment", get(u, FocusColumn.x_RowOrigin));
    assertEquals("Usage", get(u, FocusColumn.ChargeCategory));
    assertEquals("Usage-Based", get(u, FocusColumn.ChargeFrequency));
    assertEquals("Committed", get(u, FocusColumn.PricingCategory));
    assertEquals("Unused", get(u, FocusColumn.CommitmentDiscountStatus));
    assertEquals(CurRows.RI_ARN, get(u, FocusColumn.ResourceId));
    assertMoney("0", get(u, FocusColumn.BilledCost));
    assertMoney("15", get(u, FocusColumn.EffectiveCost));
    assertMoney("15", get(u, FocusColumn.x_GrossEffectiveCost));
    assertMoney("100", get(u, FocusColumn.CommitmentDiscountQuantity));
    assertMoney("100", get(u, FocusColumn.PricingQuantity));
    assertMoney("0.15", get(u, FocusColumn.ListUnitPrice), "the unused amount per unused hour");
    assertMoney("0.15", get(u, FocusColumn.ContractedUnitPrice));
    assertNull(get(u, FocusColumn.ConsumedQuantity));
    assertMoney("0", u.getAs(MappedFrame.COST_IN));
    assertNotEquals(get(row, FocusColumn.x_RecordHash), get(u, FocusColumn.x_RecordHash));
    assertEquals(get(row, FocusColumn.x_SourceRow), get(u, FocusColumn.x_SourceRow));
  }

  @Test
  void unusedReservationUsesNetAmountsWhenTheReportHasThem() {
    CurRows fee =
        CurRows.usage()
            .type("RIFee")
            .net("95")
            .cost("100")
            .with(CurField.RESERVATION_RESERVATION_A_R_N, CurRows.RI_ARN)
            .with(CurField.RESERVATION_UNUSED_AMORTIZED_UPFRONT_FEE_FOR_BILLING_PERIOD, "5")
            .with(CurField.RESERVATION_NET_UNUSED_AMORTIZED_UPFRONT_FEE_FOR_BILLING_PERIOD, "4")
            .with(CurField.RESERVATION_UNUSED_RECURRING_FEE, "10")
            .with(CurField.RESERVATION_NET_UNUSED_RECURRING_FEE, "9");
    Row u = derived(fee).get(0);
    assertMoney("13", get(u, FocusColumn.EffectiveCost));
    assertMoney("15", get(u, FocusColumn.x_GrossEffectiveCost));
  }

  @Test
  void fullyUsedCommitmentsDeriveNoRow() {
    CurRows fee =
        CurRows.usage()
            .type("RIFee")
            .with(CurField.RESERVATION_RESERVATION_A_R_N, CurRows.RI_ARN)
            .with(CurField.RESERVATION_UNUSED_AMORTIZED_UPFRONT_FEE_FOR_BILLING_PERIOD, "0")
            .with(CurField.RESERVATION_UNUSED_RECURRING_FEE, "0");
    assertEquals(0, derived(fee, CurRows.usage()).size());
  }

  @Test
  void savingsPlanRecurringFeeLeavesItsUnusedCommitment() {
    CurRows fee =
        CurRows.usage()
            .type("SavingsPlanRecurringFee")
            .cost("12")
            .with(CurField.LINE_ITEM_RESOURCE_ID, CurRows.SP_ARN)
            .with(CurField.SAVINGS_PLAN_SAVINGS_PLAN_A_R_N, CurRows.SP_ARN)
            .with(CurField.SAVINGS_PLAN_TOTAL_COMMITMENT_TO_DATE, "24")
            .with(CurField.SAVINGS_PLAN_USED_COMMITMENT, "20.5");
    Row row = mapOne(fee);
    assertEquals("Purchase", get(row, FocusColumn.ChargeCategory));
    assertEquals("Recurring", get(row, FocusColumn.ChargeFrequency));
    assertMoney("0", get(row, FocusColumn.EffectiveCost));
    Row u = derived(fee).get(0);
    assertMoney("3.5", get(u, FocusColumn.EffectiveCost));
    assertMoney("3.5", get(u, FocusColumn.CommitmentDiscountQuantity));
    assertEquals("USD", get(u, FocusColumn.CommitmentDiscountUnit));
    assertEquals("Spend", get(u, FocusColumn.CommitmentDiscountCategory));
  }

  @Test
  void upfrontFeesArePrepayingPurchases() {
    Row ri =
        mapOne(
            CurRows.usage()
                .type("Fee")
                .cost("2452.8")
                .with(CurField.BILL_BILL_TYPE, "Purchase")
                .with(CurField.RESERVATION_RESERVATION_A_R_N, CurRows.RI_ARN)
                .with(CurField.RESERVATION_NUMBER_OF_RESERVATIONS, "10"));
    assertEquals("Purchase", get(ri, FocusColumn.ChargeCategory));
    assertEquals("One-Time", get(ri, FocusColumn.ChargeFrequency));
    assertEquals("Standard", get(ri, FocusColumn.PricingCategory));
    assertMoney("2452.8", get(ri, FocusColumn.BilledCost));
    assertMoney("0", get(ri, FocusColumn.EffectiveCost));
    assertEquals(CurRows.RI_ARN, get(ri, FocusColumn.ResourceId));
    assertMoney("10", get(ri, FocusColumn.CommitmentDiscountQuantity));
    assertEquals("Reservations", get(ri, FocusColumn.CommitmentDiscountUnit));

    Row sp =
        mapOne(
            CurRows.usage()
                .type("SavingsPlanUpfrontFee")
                .cost("8760")
                .with(CurField.SAVINGS_PLAN_SAVINGS_PLAN_A_R_N, CurRows.SP_ARN));
    assertEquals("One-Time", get(sp, FocusColumn.ChargeFrequency));
    assertMoney("0", get(sp, FocusColumn.EffectiveCost));
    assertEquals(CurRows.SP_ARN, get(sp, FocusColumn.ResourceId));
    assertEquals("Savings Plan", get(sp, FocusColumn.ResourceType));
  }

  @Test
  void otherFeesAreNotAmortized() {
    Row monthly =
        mapOne(
            CurRows.usage().type("Fee").cost("100").with(CurField.BILL_BILL_TYPE, "Anniversary"));
    assertEquals("Purchase", get(monthly, FocusColumn.ChargeCategory));
    assertEquals("Recurring", get(monthly, FocusColumn.ChargeFrequency));
    assertMoney("100", get(monthly, FocusColumn.EffectiveCost));
    assertNull(get(monthly, FocusColumn.CommitmentDiscountId));
    Row once =
        mapOne(CurRows.usage().type("Fee").cost("12").with(CurField.BILL_BILL_TYPE, "Purchase"));
    assertEquals("One-Time", get(once, FocusColumn.ChargeFrequency));
  }

  @Test
  void taxHasNoPriceQuantityOrSku() {
    Row row =
        mapOne(
            CurRows.usage().type("Tax").cost("7.5").with(CurField.LINE_ITEM_TAX_TYPE, "Sales Tax"));
    assertEquals("Tax", get(row, FocusColumn.ChargeCategory));
    assertMoney("7.5", get(row, FocusColumn.BilledCost));
    assertMoney("7.5", get(row, FocusColumn.EffectiveCost));
    assertMoney("7.5", get(row, FocusColumn.ListCost));
    assertMoney("7.5", get(row, FocusColumn.ContractedCost));
    assertNull(get(row, FocusColumn.PricingQuantity));
    assertNull(get(row, FocusColumn.PricingUnit));
    assertNull(get(row, FocusColumn.PricingCategory));
    assertNull(get(row, FocusColumn.ListUnitPrice));
    assertNull(get(row, FocusColumn.ContractedUnitPrice));
    assertNull(get(row, FocusColumn.SkuId));
    assertNull(get(row, FocusColumn.SkuPriceId));
    assertNull(get(row, FocusColumn.ConsumedQuantity));
  }

  @Test
  void creditIsItsOwnCategoryWithEveryCostEqual() {
    Row row = mapOne(CurRows.usage().type("Credit").cost("-50"));
    assertEquals("Credit", get(row, FocusColumn.ChargeCategory));
    assertEquals("One-Time", get(row, FocusColumn.ChargeFrequency));
    for (FocusColumn cost :
        List.of(
            FocusColumn.BilledCost,
            FocusColumn.EffectiveCost,
            FocusColumn.ListCost,
            FocusColumn.ContractedCost)) {
      assertMoney("-50", get(row, cost), cost.name());
    }
    assertNull(get(row, FocusColumn.PricingCategory));
    assertNull(
        get(row, FocusColumn.ChargeClass), "a credit inside its own period corrects nothing");
  }

  @Test
  void refundsTakeTheCategoryOfWhatTheyRefundAndCorrectClosedPeriods() {
    Row sameMonth = mapOne(CurRows.usage().type("Refund").cost("-12.34"));
    assertEquals("Usage", get(sameMonth, FocusColumn.ChargeCategory));
    assertNull(get(sameMonth, FocusColumn.ChargeClass));
    Row previousMonth =
        mapOne(
            CurRows.usage()
                .type("Refund")
                .cost("-12.34")
                .with(CurField.LINE_ITEM_USAGE_START_DATE, "2023-12-01T00:00:00Z")
                .with(CurField.LINE_ITEM_USAGE_END_DATE, "2024-01-01T00:00:00Z"));
    assertEquals("Correction", get(previousMonth, FocusColumn.ChargeClass));
    assertEquals("Usage", get(previousMonth, FocusColumn.ChargeCategory));
    Row reservation =
        mapOne(
            CurRows.usage()
                .type("Refund")
                .cost("-100")
                .with(CurField.RESERVATION_RESERVATION_A_R_N, CurRows.RI_ARN));
    assertEquals("Purchase", get(reservation, FocusColumn.ChargeCategory));
    Row tax =
        mapOne(CurRows.usage().type("Refund").cost("-1").with(CurField.LINE_ITEM_TAX_TYPE, "VAT"));
    assertEquals("Tax", get(tax, FocusColumn.ChargeCategory));
  }

  @Test
  void discountRowsCountOnceWhetherOrNotNetColumnsHoldThem() {
    Row gross = mapOne(CurRows.usage().type("EdpDiscount").cost("-3"));
    assertMoney("-3", get(gross, FocusColumn.BilledCost));
    assertMoney("-3", get(gross, FocusColumn.EffectiveCost));
    assertMoney("-3", get(gross, FocusColumn.ContractedCost));
    assertMoney("0", get(gross, FocusColumn.ListCost));
    // A reduction the provider grants, not usage of a SKU: no price, quantity or pricing category.
    assertEquals("Credit", get(gross, FocusColumn.ChargeCategory));
    assertNull(get(gross, FocusColumn.PricingCategory));
    assertNull(get(gross, FocusColumn.ContractedUnitPrice));
    assertNull(get(gross, FocusColumn.PricingQuantity));

    Row net = mapOne(CurRows.usage().type("EdpDiscount").cost("-3").net("0"));
    assertMoney("0", get(net, FocusColumn.BilledCost));
    assertMoney("0", get(net, FocusColumn.EffectiveCost), "net rows already hold the discount");
    assertMoney("-3", get(net, FocusColumn.x_GrossCost));
    assertMoney("-3", get(net, FocusColumn.x_GrossEffectiveCost));
  }

  @Test
  void spotUsageIsDynamicPricing() {
    Row row =
        mapOne(CurRows.usage().with(CurField.LINE_ITEM_USAGE_TYPE, "USE1-SpotUsage:c5.large"));
    assertEquals("Dynamic", get(row, FocusColumn.PricingCategory));
  }

  @Test
  void marketplaceChargesNameTheSellerAsPublisher() {
    Row row =
        mapOne(
            CurRows.usage()
                .with(CurField.BILL_BILLING_ENTITY, "AWS Marketplace")
                .with(CurField.LINE_ITEM_LEGAL_ENTITY, "Red Hat, Inc.")
                .with(CurField.LINE_ITEM_PRODUCT_CODE, "mra"));
    assertEquals("Red Hat, Inc.", get(row, FocusColumn.PublisherName));
    assertEquals("Other", get(row, FocusColumn.ServiceCategory));
    assertEquals("Other (Other)", get(row, FocusColumn.ServiceSubcategory));
  }

  @Test
  void tagsLoseTheUserPrefixAndKeepTheProviderOne() {
    Row row =
        mapOne(
            CurRows.usage()
                .tag("user:CostCenter", "CC-1")
                .tag("aws:createdBy", "bot")
                .tag("user_team", "search")
                .tag("aws_created_by", "bot2")
                .tag("user:Name", "web-1")
                .costCategory("Team", "payments"));
    Map<String, String> tags = JavaConverters.mapAsJavaMap(row.getMap(row.fieldIndex("Tags")));
    assertEquals(
        Map.of(
            "CostCenter", "CC-1",
            "aws:createdBy", "bot",
            "team", "search",
            "aws:created_by", "bot2",
            "Name", "web-1"),
        tags);
    Map<String, String> raw = JavaConverters.mapAsJavaMap(row.getMap(row.fieldIndex("x_RawTags")));
    assertEquals("CC-1", raw.get("user:CostCenter"));
    assertEquals("web-1", get(row, FocusColumn.ResourceName));
    assertEquals(
        Map.of("Team", "payments"),
        JavaConverters.mapAsJavaMap(row.getMap(row.fieldIndex("x_CostCategories"))));
  }

  @Test
  void resourceTypeComesFromTheArn() {
    Row row =
        mapOne(
            CurRows.usage()
                .with(CurField.LINE_ITEM_RESOURCE_ID, "arn:aws:dynamodb:us-east-1:1:table/orders"));
    assertEquals("table", get(row, FocusColumn.ResourceType));
  }

  @Test
  void scientificNotationAndPlaceholdersAreTolerated() {
    Row row =
        mapOne(
            CurRows.usage()
                .cost("1.2E-7")
                .with(CurField.LINE_ITEM_USAGE_AMOUNT, "5e-06")
                .with(CurField.LINE_ITEM_RESOURCE_ID, "NULL")
                .with(CurField.LINE_ITEM_AVAILABILITY_ZONE, "  ")
                .with(CurField.LINE_ITEM_USAGE_START_DATE, "2024-01-15 00:00:00")
                .with(CurField.LINE_ITEM_USAGE_END_DATE, "2024-01-16 00:00:00.000"));
    assertEquals(List.of(), errorCodes(row));
    assertMoney("0.00000012", get(row, FocusColumn.BilledCost));
    assertMoney("0.000005", get(row, FocusColumn.ConsumedQuantity));
    assertNull(get(row, FocusColumn.ResourceId));
    assertNull(
        get(row, FocusColumn.ResourceType), "ResourceType is null exactly when ResourceId is");
    assertNull(get(row, FocusColumn.AvailabilityZone));
    assertEquals(ts("2024-01-15T00:00:00Z"), get(row, FocusColumn.ChargePeriodStart));
    assertEquals(ts("2024-01-16T00:00:00Z"), get(row, FocusColumn.ChargePeriodEnd));
  }

  @Test
  void badValuesAreRejectedNamingTheColumnAndValue() {
    Row row = mapOne(CurRows.usage().cost("12,50 EUR"));
    assertEquals(List.of("INVALID_NUMBER"), errorCodes(row));
    Row error = firstError(row);
    assertEquals("lineItem/UnblendedCost", error.getAs("column_name"));
    assertEquals("12,50 EUR", error.getAs("raw_value"));
    assertTrue(((String) error.getAs("reason")).contains("lineItem/UnblendedCost"));
  }

  @Test
  void anUnreadableRateOrQuantityLandsWithTheRowNamedInDataQuality() {
    Row row =
        mapOne(
            CurRows.usage()
                .with(CurField.LINE_ITEM_UNBLENDED_RATE, "n/a")
                .with(CurField.LINE_ITEM_USAGE_AMOUNT, "24 hours"));
    assertEquals(List.of(), errorCodes(row));
    assertEquals(
        "lineItem/UnblendedRate: INVALID_NUMBER; lineItem/UsageAmount: INVALID_NUMBER",
        get(row, FocusColumn.x_DataQuality));
    assertMoney("2.304", get(row, FocusColumn.BilledCost));
    assertMoney("2.304", get(row, FocusColumn.ListCost));
    assertNull(get(mapOne(CurRows.usage()), FocusColumn.x_DataQuality));
  }

  @Test
  void everyKindOfBadInputHasItsOwnReason() {
    assertEquals(List.of("INVALID_NUMBER"), errorCodes(mapOne(CurRows.usage().cost("NaN"))));
    assertEquals(List.of("INVALID_NUMBER"), errorCodes(mapOne(CurRows.usage().cost("1e400"))));
    assertEquals(
        List.of("INVALID_TIMESTAMP"),
        errorCodes(mapOne(CurRows.usage().with(CurField.LINE_ITEM_USAGE_START_DATE, "yesterday"))));
    assertEquals(
        List.of("MISSING_VALUE"),
        errorCodes(mapOne(CurRows.usage().without(CurField.BILL_PAYER_ACCOUNT_ID))));
    assertEquals(
        List.of("UNKNOWN_CURRENCY"),
        errorCodes(mapOne(CurRows.usage().with(CurField.LINE_ITEM_CURRENCY_CODE, "XYZ"))));
    assertEquals(List.of("ROW_TOO_WIDE"), errorCodes(mapOne(CurRows.usage().tooWide())));
    assertEquals(
        List.of("INVALID_PERIOD"),
        errorCodes(
            mapOne(
                CurRows.usage()
                    .with(CurField.BILL_BILLING_PERIOD_END_DATE, "2023-12-01T00:00:00Z"))));
    Row twoProblems =
        mapOne(CurRows.usage().cost("abc").with(CurField.LINE_ITEM_CURRENCY_CODE, "??"));
    assertEquals(List.of("INVALID_NUMBER", "UNKNOWN_CURRENCY"), errorCodes(twoProblems));
  }

  @Test
  void identicalLinesHashAlikeAndDifferentLinesDoNot() {
    Row a = mapOne(CurRows.usage().row(1));
    Row b = mapOne(CurRows.usage().row(2));
    Row c = mapOne(CurRows.usage().cost("2.305"));
    assertEquals(get(a, FocusColumn.x_RecordHash), get(b, FocusColumn.x_RecordHash));
    assertNotEquals(get(a, FocusColumn.x_RecordHash), get(c, FocusColumn.x_RecordHash));
  }

  private static Timestamp ts(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }
}
