package io.costlake.model;

import static io.costlake.model.ColumnType.LONG;
import static io.costlake.model.ColumnType.MONEY;
import static io.costlake.model.ColumnType.QUANTITY;
import static io.costlake.model.ColumnType.RATIO;
import static io.costlake.model.ColumnType.STRING;
import static io.costlake.model.ColumnType.STRING_LIST;
import static io.costlake.model.ColumnType.TAGS;
import static io.costlake.model.ColumnType.TIMESTAMP;

/**
 * {@code cost_allocated}: who owns every amount. Grain: one row per (source line item, allocation
 * target); a line no rule moved has one row, owned as the tag policy's owner chain decided. The
 * rows of one source line add up to its cost exactly. Partitioned like cost_line_items.
 */
public enum AllocatedColumn implements TableColumn {
  x_Provider(STRING, false, "aws, gcp, azure or focus"),
  x_BillingPeriod(STRING, false, "Billing period (yyyy-MM); partition column"),
  BillingAccountId(STRING, false, "Billing account of the source line; partition column"),
  SubAccountId(STRING, true, "Sub account of the source line"),
  SubAccountName(STRING, true, "Its display name"),
  BillingCurrency(STRING, false, "Currency of the amounts"),
  ChargePeriodStart(TIMESTAMP, false, "Start of the source line's charge period"),
  ChargeCategory(STRING, false, "Usage, Purchase, Tax, Credit or Adjustment"),
  ServiceCategory(STRING, true, "FOCUS service category"),
  ServiceName(STRING, true, "Service of the source line"),
  RegionId(STRING, true, "Region of the source line"),
  ResourceId(STRING, true, "Resource of the source line"),
  ConsumedUnit(STRING, true, "Unit of ConsumedQuantity"),
  Tags(TAGS, true, "Tags after the tag policy: canonical keys with normalized, valid values"),
  x_SourceFile(STRING, false, "Source line key, part 1: the file it was read from"),
  x_SourceRow(LONG, true, "Source line key, part 2: its row in that file"),
  x_RowOrigin(STRING, false, "Source line key, part 3: Export, or which costlake row it is"),
  source_owner(STRING, false, "Owner the owner chain gave the source line, before any rule"),
  owner_source(
      STRING,
      false,
      "Which link of the owner chain named source_owner: tag, account,"
          + " cost_category, default, or unallocated"),
  missing_tags(
      STRING_LIST, false, "Required tag keys the source line lacks or has invalid values for"),
  owner(STRING, false, "Who this row's cost belongs to after allocation"),
  unallocated_reason(
      STRING,
      true,
      "Why owner is the unallocated bucket: missing_tag, invalid_tag_value, unknown_account,"
          + " no_cost_category, no_driver (a rule found nothing to split by) or unlisted_target"
          + " (a driver named an owner the rule does not list); null otherwise"),
  allocation_method(
      STRING, false, "direct (no rule moved it), even, fixed, proportional or metric"),
  allocation_rule_id(STRING, true, "The last rule that moved this cost; null when direct"),
  allocation_rule_version(LONG, true, "That rule's version"),
  allocation_path(
      STRING_LIST, false, "Every rule that moved this cost, in order, as id@version (cascades)"),
  driver_value(
      QUANTITY,
      true,
      "The target's driver in the last split: its cost, metric value," + " percentage or 1 (even)"),
  driver_total(QUANTITY, true, "The sum of the drivers of that split"),
  share(RATIO, false, "Fraction of the source line's cost this row holds, over every split"),
  ConsumedQuantity(
      QUANTITY,
      true,
      "This row's part of the source line's ConsumedQuantity (split like its cost); null when"
          + " the line has none"),
  BilledCost(MONEY, false, "This row's part of the source line's BilledCost"),
  EffectiveCost(MONEY, false, "This row's part of the source line's EffectiveCost");

  private final ColumnSpec spec;

  AllocatedColumn(ColumnType type, boolean nullable, String comment) {
    this.spec = ColumnSpec.of(type, nullable, comment);
  }

  @Override
  public String columnName() {
    return name();
  }

  @Override
  public ColumnSpec spec() {
    return spec;
  }
}
