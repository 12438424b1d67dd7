package io.costlake.provider.aws;

import io.costlake.ingest.RawFrame;
import io.costlake.ingest.read.BoundHeader;
import io.costlake.ingest.read.Cells;
import io.costlake.ingest.read.ColumnNames;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import scala.collection.JavaConverters;

/**
 * What a CUR file's column names mean: which {@link CurField} sits where, which columns are tags
 * and cost categories, which are unknown (schema drift), and which contract the file follows.
 * Tolerant of real headers: any capitalization, a byte-order mark, and malformed merged names.
 */
public final class CurHeader extends BoundHeader {
  private static final long serialVersionUID = 1L;

  private static final Set<String> SLASH_FAMILIES =
      Set.of(
          "identity",
          "bill",
          "lineitem",
          "pricing",
          "product",
          "reservation",
          "savingsplan",
          "resourcetags",
          "costcategory",
          "discount",
          "splitlineitem");
  private static final List<String> SNAKE_FAMILIES =
      List.of(
          "identity_",
          "bill_",
          "line_item_",
          "pricing_",
          "product_",
          "reservation_",
          "savings_plan_",
          "resource_tags_",
          "cost_category_",
          "discount_",
          "split_line_item_",
          "capacity_reservation_");
  private static final Set<String> SNAKE_EXACT =
      Set.of(
          "year",
          "month",
          "billing_period",
          "product",
          "resource_tags",
          "cost_category",
          "discount");

  /** A column holding one tag or cost category, and the key it carries. */
  public static final class KeyedColumn implements Serializable {
    private static final long serialVersionUID = 1L;
    final int index;
    final String key;

    KeyedColumn(int index, String key) {
      this.index = index;
      this.key = key;
    }
  }

  private final String[] names;
  private final EnumMap<CurField, Integer> fields;
  private final List<KeyedColumn> tagColumns;
  private final List<KeyedColumn> costCategoryColumns;
  private final int tagMapColumn;
  private final int costCategoryMapColumn;
  private final int productMapColumn;
  private final CurFormat format;

  private CurHeader(String[] names) {
    super(names.length);
    this.names = names.clone();
    this.fields = new EnumMap<>(CurField.class);
    this.tagColumns = new ArrayList<>();
    this.costCategoryColumns = new ArrayList<>();
    int tagMap = -1;
    int costCategoryMap = -1;
    int productMap = -1;
    boolean slashNames = false;
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < this.names.length; i++) {
      String name = clean(this.names[i]);
      this.names[i] = name;
      String lower = name.toLowerCase(Locale.ROOT);
      if (name.indexOf('/') > 0) {
        slashNames = true;
      }
      // Tag keys are case-sensitive (user:CostCenter and user:cost-center differ); fields are not.
      boolean keyed =
          lower.startsWith("resourcetags/")
              || lower.startsWith("resource_tags_")
              || lower.startsWith("costcategory/")
              || lower.startsWith("cost_category_");
      if (!seen.add(keyed ? name : ColumnNames.key(name))) {
        unknown.add(name + " (duplicate)");
        continue;
      }
      if (lower.startsWith("resourcetags/")) {
        tagColumns.add(new KeyedColumn(i, name.substring("resourceTags/".length())));
      } else if (lower.startsWith("resource_tags_")) {
        tagColumns.add(new KeyedColumn(i, name.substring("resource_tags_".length())));
      } else if (lower.startsWith("costcategory/")) {
        costCategoryColumns.add(new KeyedColumn(i, name.substring("costCategory/".length())));
      } else if (lower.startsWith("cost_category_")) {
        costCategoryColumns.add(new KeyedColumn(i, name.substring("cost_category_".length())));
      } else if (lower.equals("resource_tags")) {
        tagMap = i;
      } else if (lower.equals("cost_category")) {
        costCategoryMap = i;
      } else if (lower.equals("product")) {
        productMap = i;
      } else {
        int index = i;
        CurField.byColumnName(name)
            .ifPresentOrElse(
                field -> fields.putIfAbsent(field, index),
                () -> {
                  if (!knownFamily(lower)) {
                    unknown.add(name);
                  }
                });
      }
    }
    this.tagMapColumn = tagMap;
    this.costCategoryMapColumn = costCategoryMap;
    this.productMapColumn = productMap;
    if (slashNames) {
      this.format = CurFormat.CUR_1_0;
    } else if (tagMap >= 0 || productMap >= 0 || costCategoryMap >= 0) {
      this.format = CurFormat.CUR_2_0;
    } else {
      this.format = CurFormat.CUR_1_0_ATHENA;
    }
  }

  public static CurHeader of(String... names) {
    return new CurHeader(names);
  }

  private static boolean knownFamily(String lower) {
    int slash = lower.indexOf('/');
    if (slash > 0) {
      return SLASH_FAMILIES.contains(ColumnNames.key(lower.substring(0, slash)));
    }
    if (SNAKE_EXACT.contains(lower)) {
      return true;
    }
    return SNAKE_FAMILIES.stream().anyMatch(lower::startsWith);
  }

  public CurFormat format() {
    return format;
  }

  @Override
  public String contract() {
    return format.contractVersion();
  }

  @Override
  protected List<String> missingColumnNames() {
    return missingRequired().stream().map(CurField::curName).collect(Collectors.toList());
  }

  @Override
  public void fill(String[] record, Object[] values) {
    int base = RawFrame.FIRST_PROVIDER_FIELD;
    for (Map.Entry<CurField, Integer> entry : fields.entrySet()) {
      values[base + entry.getKey().ordinal()] = Cells.cell(record, entry.getValue());
    }
    Map<String, String> product = Cells.jsonMap(Cells.cell(record, productMapColumn));
    if (!product.isEmpty()) {
      fillFromProductMap(values, base, product);
    }
    int after = base + CurRawSchema.FIELD_COUNT;
    values[after] = keyed(record, tagColumns, tagMapColumn);
    values[after + 1] = keyed(record, costCategoryColumns, costCategoryMapColumn);
    values[after + 2] = hasNetColumns();
  }

  /** CUR 2.0 moved most product columns into one map; read the ones we need from it. */
  private static void fillFromProductMap(Object[] values, int base, Map<String, String> product) {
    Map<String, String> byKey = new LinkedHashMap<>();
    product.forEach((k, v) -> byKey.put(ColumnNames.key(k), v));
    for (CurField field : CurField.values()) {
      if (field.family().equals("product") && values[base + field.ordinal()] == null) {
        String value = byKey.get(ColumnNames.key(field.attribute()));
        if (value == null) {
          value = byKey.get(ColumnNames.key("product_" + field.attribute()));
        }
        values[base + field.ordinal()] = value;
      }
    }
  }

  private static scala.collection.Map<String, String> keyed(
      String[] record, List<KeyedColumn> columns, int mapColumn) {
    Map<String, String> map = new LinkedHashMap<>();
    for (KeyedColumn column : columns) {
      String value = Cells.cell(record, column.index);
      if (value != null) {
        map.put(column.key, value);
      }
    }
    Cells.jsonMap(Cells.cell(record, mapColumn))
        .forEach(
            (k, v) -> {
              if (v != null && !v.isEmpty()) {
                map.putIfAbsent(k, v);
              }
            });
    return JavaConverters.mapAsScalaMap(map);
  }

  /** Column index of the field, or -1 when the file does not have it. */
  public int indexOf(CurField field) {
    return fields.getOrDefault(field, -1);
  }

  public boolean has(CurField field) {
    return fields.containsKey(field);
  }

  /** Required fields this file lacks, in contract order. */
  public List<CurField> missingRequired() {
    List<CurField> missing = new ArrayList<>();
    for (CurField field : CurFormat.REQUIRED) {
      if (!fields.containsKey(field)) {
        missing.add(field);
      }
    }
    return missing;
  }

  List<KeyedColumn> tagColumns() {
    return tagColumns;
  }

  List<KeyedColumn> costCategoryColumns() {
    return costCategoryColumns;
  }

  int tagMapColumn() {
    return tagMapColumn;
  }

  int costCategoryMapColumn() {
    return costCategoryMapColumn;
  }

  int productMapColumn() {
    return productMapColumn;
  }

  public String nameAt(int index) {
    return names[index];
  }

  /** Whether the file carries negotiated-discount (net) columns. */
  public boolean hasNetColumns() {
    return has(CurField.LINE_ITEM_NET_UNBLENDED_COST);
  }

  @Override
  public String toString() {
    return format + " " + Arrays.toString(names);
  }

  Map<CurField, Integer> fieldIndexes() {
    return fields;
  }
}
