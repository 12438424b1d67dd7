package io.costlake.provider.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CurHeaderTest {
  @Test
  void everySpellingOfAColumnFindsTheSameField() {
    assertEquals(
        CurField.LINE_ITEM_UNBLENDED_COST, CurField.byColumnName("lineItem/UnblendedCost").get());
    assertEquals(
        CurField.LINE_ITEM_UNBLENDED_COST, CurField.byColumnName("line_item_unblended_cost").get());
    assertEquals(
        CurField.LINE_ITEM_UNBLENDED_COST, CurField.byColumnName("LINEITEM/UNBLENDEDCOST").get());
    assertEquals(
        CurField.SAVINGS_PLAN_SAVINGS_PLAN_A_R_N,
        CurField.byColumnName("savings_plan_savings_plan_a_r_n").get());
    assertEquals(
        CurField.SAVINGS_PLAN_SAVINGS_PLAN_A_R_N,
        CurField.byColumnName("savingsPlan/SavingsPlanArn").get());
    assertEquals("line_item_unblended_cost", CurField.LINE_ITEM_UNBLENDED_COST.rawName());
  }

  @Test
  void cur1CsvHeaderIsReadWithTagsCostCategoriesAndDrift() {
    CurHeader header =
        CurHeader.of(
            "\uFEFFidentity/LineItemId",
            "bill/PayerAccountId",
            "lineItem/UnblendedCost",
            "pricing/OfferingClasspricing/PurchaseOption",
            "resourceTags/user:CostCenter",
            "costCategory/Team",
            "noTags/user:app",
            "product/someNewAttribute");
    assertEquals(CurFormat.CUR_1_0, header.format());
    assertEquals(
        0, header.indexOf(CurField.IDENTITY_LINE_ITEM_ID), "the byte-order mark is ignored");
    assertEquals(2, header.indexOf(CurField.LINE_ITEM_UNBLENDED_COST));
    assertEquals(
        -1, header.indexOf(CurField.PRICING_PURCHASE_OPTION), "a merged name is not guessed");
    assertEquals(
        List.of("noTags/user:app"),
        header.unknownColumns(),
        "only columns outside CUR families drift");
    assertEquals("user:CostCenter", header.tagColumns().get(0).key);
    assertEquals("Team", header.costCategoryColumns().get(0).key);
  }

  @Test
  void athenaAndCur2HeadersAreRecognized() {
    CurHeader athena =
        CurHeader.of("bill_payer_account_id", "resource_tags_user_team", "year", "month");
    assertEquals(CurFormat.CUR_1_0_ATHENA, athena.format());
    assertEquals("user_team", athena.tagColumns().get(0).key);
    assertEquals(List.of(), athena.unknownColumns());
    CurHeader cur2 =
        CurHeader.of("bill_payer_account_id", "resource_tags", "product", "cost_category");
    assertEquals(CurFormat.CUR_2_0, cur2.format());
    assertEquals(1, cur2.tagMapColumn());
  }

  @Test
  void missingRequiredColumnsAreListedInContractOrder() {
    CurHeader header = CurHeader.of("bill/PayerAccountId", "lineItem/LineItemType");
    List<CurField> missing = header.missingRequired();
    assertEquals(CurField.BILL_BILLING_PERIOD_START_DATE, missing.get(0));
    assertTrue(missing.contains(CurField.LINE_ITEM_UNBLENDED_COST));
    assertEquals(CurFormat.REQUIRED.size() - 2, missing.size());
  }

  @Test
  void tagKeysDifferingOnlyInCaseAreDifferentTags() {
    CurHeader header =
        CurHeader.of(
            "resourceTags/user:CostCenter",
            "resourceTags/user:cost-center",
            "lineItem/UnblendedCost");
    assertEquals(List.of(), header.unknownColumns());
    assertEquals(2, header.tagColumns().size());
  }

  @Test
  void aDuplicateColumnIsReportedAndTheFirstWins() {
    CurHeader header = CurHeader.of("lineItem/UnblendedCost", "line_item_unblended_cost");
    assertEquals(0, header.indexOf(CurField.LINE_ITEM_UNBLENDED_COST));
    assertEquals(List.of("line_item_unblended_cost (duplicate)"), header.unknownColumns());
  }
}
