package io.costlake.tags;

import static io.costlake.testing.Money.assertMoney;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.config.TagPolicyConfig;
import io.costlake.errors.CostlakeException;
import io.costlake.testing.Configs;
import io.costlake.testing.FocusRows;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class TagPolicyTest {
  private static final TagPolicyConfig POLICY =
      Configs.yaml(
              "tags:",
              "  keys:",
              "    team:",
              "      aliases: [Owner]",
              "      case: lower",
              "      values: {data: data-eng}",
              "      allowed: [payments, search, data-eng, platform]",
              "    cost_center:",
              "      aliases: CostCentre",
              "      case: upper",
              "      pattern: 'CC-[0-9]{4}'",
              "      required: true",
              "    environment:",
              "      aliases: [env]",
              "      case: lower",
              "      values: {production: prod}",
              "      allowed: [prod, dev]",
              "      required: true",
              "  owner:",
              "    tag: team",
              "    accountsFile: /nowhere/accounts.csv",
              "    costCategory: Team",
              "    default: finops")
          .tags();

  private static Map<String, Row> bySourceRow(Dataset<Row> rows) {
    return rows.collectAsList().stream()
        .collect(Collectors.toMap(r -> String.valueOf((Object) r.getAs("x_SourceRow")), r -> r));
  }

  @Test
  void everySpellingOfAKeyBecomesTheCanonicalKeyWithANormalizedValue() {
    Dataset<Row> items =
        new FocusRows()
            .add(
                "ResourceId",
                "i-1",
                "Tags",
                (Map.of(
                    "user:Cost_Center",
                    " cc-1001 ",
                    "Environment",
                    "Production",
                    "Owner",
                    "Data",
                    "Name",
                    "web-1")))
            .add(
                "ResourceId",
                "i-2",
                "Tags",
                (Map.of("costcentre", "CC-9", "env", "staging", "team", "Payments")))
            .frame();
    Map<String, Row> rows = bySourceRow(new TagNormalizer(POLICY).apply(items));

    Map<String, String> first = rows.get("1").getJavaMap(rows.get("1").fieldIndex("Tags"));
    assertEquals(
        Map.of(
            "cost_center", "CC-1001", "environment", "prod", "team", "data-eng", "Name", "web-1"),
        first);
    assertEquals(List.of(), rows.get("1").getList(rows.get("1").fieldIndex("missing_tags")));

    // CC-9 breaks the pattern and staging is not allowed: dropped, and both reported missing.
    Map<String, String> second = rows.get("2").getJavaMap(rows.get("2").fieldIndex("Tags"));
    assertEquals(Map.of("team", "payments"), second);
    assertEquals(
        List.of("cost_center", "environment"),
        rows.get("2").getList(rows.get("2").fieldIndex("missing_tags")));
  }

  @Test
  void theOwnerChainTriesTagThenAccountThenCostCategoryThenDefault() {
    Dataset<Row> items =
        new FocusRows()
            .add("Tags", (Map.of("Owner", "Search")), "SubAccountId", "acct-mapped")
            .add("SubAccountId", "acct-mapped")
            .add("SubAccountId", "other", "BillingAccountId", "billing-mapped")
            .add("SubAccountId", "other", "x_CostCategories", (Map.of("team", "Platform")))
            .add("SubAccountId", "other")
            .frame();
    Map<String, String> accounts = Map.of("acct-mapped", "payments", "billing-mapped", "search");
    Map<String, Row> rows = bySourceRow(OwnerChain.owned(items, POLICY, accounts));
    assertOwner(rows.get("1"), "search", "tag");
    assertOwner(rows.get("2"), "payments", "account");
    assertOwner(rows.get("3"), "search", "account");
    assertOwner(rows.get("4"), "platform", "cost_category");
    assertOwner(rows.get("5"), "finops", "default");
  }

  @Test
  void costNoLinkClaimsGoesToTheUnallocatedBucketWithTheReason() {
    TagPolicyConfig tagOnly =
        Configs.yaml(
                "tags:",
                "  keys: {team: {allowed: [payments]}}",
                "  owner: {tag: team, unallocated: nobody}")
            .tags();
    Dataset<Row> items =
        new FocusRows()
            .add("Tags", (Map.of("team", "payments")), "EffectiveCost", "1.5")
            .add("Tags", (Map.of("team", "marketing")))
            .add()
            .frame();
    Map<String, Row> rows = bySourceRow(OwnerChain.owned(items, tagOnly, Map.of()));
    assertOwner(rows.get("1"), "payments", "tag");
    assertNull(rows.get("1").getAs("unallocated_reason"));
    assertMoney("1.5", rows.get("1").getAs("EffectiveCost"));
    assertOwner(rows.get("2"), "nobody", "unallocated");
    assertEquals("invalid_tag_value", rows.get("2").getAs("unallocated_reason"));
    assertOwner(rows.get("3"), "nobody", "unallocated");
    assertEquals("missing_tag", rows.get("3").getAs("unallocated_reason"));
  }

  @Test
  void anAccountMappingMayQuoteACellHoldingAComma() {
    List<String> lines =
        List.of(
            "note,account_id,owner", "\"web, then payments\",111,\"Payments\"", "x,222,payments");
    assertEquals(
        Map.of("111", "payments", "222", "payments"),
        AccountOwners.parse(lines, "conf/accounts.csv", POLICY.keys().get("team")));
  }

  @Test
  void anAccountOfTheDirectoryWithoutAnOwnerIsNotMapped() {
    List<String> lines = List.of("account_id,name,owner", "111,Shop,Payments", "222,Sandbox,  ");
    assertEquals(
        Map.of("111", "payments"),
        AccountOwners.parse(lines, "conf/accounts.csv", POLICY.keys().get("team")));
  }

  @Test
  void anAccountMappingNamesItsBadLine() {
    List<String> lines = List.of("account_id,owner,note", "111,Payments,", "222,sales,nobody");
    CostlakeException e =
        assertThrows(
            CostlakeException.class,
            () -> AccountOwners.parse(lines, "conf/accounts.csv", POLICY.keys().get("team")));
    assertEquals(
        "Cannot use conf/accounts.csv: line 3 column owner: 'sales' is not a valid owner for"
            + " account '222'",
        e.getMessage());
    assertEquals(
        Map.of("111", "payments"),
        AccountOwners.parse(lines.subList(0, 2), "f", POLICY.keys().get("team")));
  }

  @Test
  void complianceSeparatesTaggedUntaggedAndUntaggableCostAndRanksTheDebt() {
    Dataset<Row> items =
        new FocusRows()
            .add(
                "ResourceId",
                "i-1",
                "EffectiveCost",
                "6",
                "Tags",
                (Map.of("team", "search", "CostCenter", "CC-1000", "env", "prod")))
            .add(
                "ResourceId",
                "i-2",
                "EffectiveCost",
                "3",
                "Tags",
                (Map.of("team", "search", "env", "prod")))
            .add("ResourceId", "i-3", "EffectiveCost", "1", "Tags", (Map.of("team", "search")))
            .add("ResourceId", "i-3", "EffectiveCost", "0.5", "Tags", (Map.of("team", "search")))
            .add("ChargeCategory", "Tax", "EffectiveCost", "2", "Tags", (Map.of("team", "search")))
            .frame();
    Dataset<Row> owned = OwnerChain.owned(items, POLICY, Map.of());
    List<Row> compliance = TagCompliance.compliance(owned).collectAsList();
    assertEquals(1, compliance.size());
    Row row = compliance.get(0);
    assertEquals("search", row.getAs("owner"));
    assertMoney("12.5", row.getAs("total_cost"));
    assertMoney("6", row.getAs("tagged_cost"));
    assertMoney("4.5", row.getAs("untagged_cost"));
    assertMoney("2", row.getAs("untaggable_cost"));
    assertMoney("57.1429", row.getAs("tagged_pct"));
    assertEquals(1, (int) row.getAs("untagged_rank"));

    List<Row> debt = TagCompliance.debt(owned).orderBy("debt_rank").collectAsList();
    assertEquals(2, debt.size());
    assertEquals("i-2", debt.get(0).getAs("ResourceId"));
    assertEquals(
        List.of("cost_center"), debt.get(0).getList(debt.get(0).fieldIndex("missing_tags")));
    assertEquals("i-3", debt.get(1).getAs("ResourceId"));
    assertMoney("1.5", debt.get(1).getAs("untagged_cost"));
    assertEquals(2L, (long) debt.get(1).getAs("line_count"));
    assertTrue((int) debt.get(1).getAs("debt_rank") == 2);
  }

  /**
   * Each tag set is normalized once and joined back: every line once, with its own set's result.
   */
  @Test
  void linesSharingATagSetEachGetItsResultOnceAndNoTagsStayNoTags() {
    Map<String, String> shared = new java.util.LinkedHashMap<>();
    shared.put("env", "Production");
    shared.put("Owner", "Search");
    Map<String, String> sameInAnotherOrder = new java.util.LinkedHashMap<>();
    sameInAnotherOrder.put("Owner", "Search");
    sameInAnotherOrder.put("env", "Production");
    Dataset<Row> items =
        new FocusRows()
            .add("ResourceId", "i-1", "Tags", shared)
            .add("ResourceId", "i-2", "Tags", sameInAnotherOrder)
            .add("ResourceId", "i-3", "Tags", shared)
            .add("ResourceId", "i-4", "Tags", Map.of("env", "dev"))
            .add("ResourceId", "i-5")
            .add("ResourceId", "i-6", "Tags", Map.of())
            .frame();
    Dataset<Row> normalized = new TagNormalizer(POLICY).apply(items);
    assertEquals(
        List.of(items.columns()).subList(0, items.columns().length),
        List.of(normalized.columns()).subList(0, items.columns().length),
        "the lines' columns in their order, then the policy's");
    Map<String, Row> rows = bySourceRow(normalized);
    assertEquals(6, normalized.count());
    assertEquals(6, rows.size());
    for (String line : List.of("1", "2", "3")) {
      Row row = rows.get(line);
      assertEquals(
          Map.of("environment", "prod", "team", "search"),
          row.getJavaMap(row.fieldIndex("Tags")),
          line);
      assertEquals(List.of("cost_center"), row.getList(row.fieldIndex(TagNormalizer.MISSING_TAGS)));
      assertEquals("search", row.getAs(TagNormalizer.OWNER_TAG));
    }
    assertEquals(
        Map.of("environment", "dev"), rows.get("4").getJavaMap(rows.get("4").fieldIndex("Tags")));
    assertEquals("missing", rows.get("4").getAs(TagNormalizer.OWNER_TAG_STATE));
    for (String untagged : List.of("5", "6")) {
      Row row = rows.get(untagged);
      assertEquals(
          List.of("cost_center", "environment"),
          row.getList(row.fieldIndex(TagNormalizer.MISSING_TAGS)),
          untagged);
      assertEquals("missing", row.getAs(TagNormalizer.OWNER_TAG_STATE));
    }
    for (String untagged : List.of("5", "6")) {
      Row row = rows.get(untagged);
      assertEquals(Map.of(), row.getJavaMap(row.fieldIndex("Tags")), untagged);
    }
  }

  private static void assertOwner(Row row, String owner, String source) {
    assertEquals(owner, row.getAs("source_owner"), row.toString());
    assertEquals(source, row.getAs("owner_source"), row.toString());
  }
}
