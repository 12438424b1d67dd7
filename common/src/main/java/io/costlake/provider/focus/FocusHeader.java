package io.costlake.provider.focus;

import io.costlake.ingest.read.BoundHeader;
import io.costlake.ingest.read.Cells;
import io.costlake.ingest.read.ColumnNames;
import io.costlake.model.FocusColumn;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import scala.collection.JavaConverters;

/**
 * A FOCUS file's header bound to the raw frame: FOCUS columns matched by name in any case (and
 * older versions' names), unknown columns kept as extensions, absent columns filled with the
 * configured defaults.
 */
final class FocusHeader extends BoundHeader {
  private static final long serialVersionUID = 1L;
  private static final Map<String, FocusColumn> BY_KEY = byKey();

  private final FocusVersion version;
  private final Map<FocusColumn, Integer> positions = new LinkedHashMap<>();
  private final Map<String, Integer> extensions = new LinkedHashMap<>();
  private final int subcategory;
  private final Map<FocusColumn, String> defaults;
  private final String absent;

  FocusHeader(String[] names, Map<String, String> columnDefaults) {
    super(names.length);
    Set<String> folded = new HashSet<>();
    int sub = -1;
    for (int i = 0; i < names.length; i++) {
      String name = clean(names[i]);
      String key = ColumnNames.key(name);
      folded.add(key);
      FocusColumn column = BY_KEY.getOrDefault(key, FocusVersion.RENAMED.get(key));
      if (column != null && FocusRawSchema.FIELDS.contains(column)) {
        positions.putIfAbsent(column, i);
      } else if (key.equals("chargesubcategory")) {
        sub = i;
      } else if (!name.isEmpty()) {
        extensions.put(name, i);
        unknown.add(name);
      }
    }
    this.subcategory = sub;
    this.version = FocusVersion.of(folded);
    this.defaults = new LinkedHashMap<>();
    StringBuilder missing = new StringBuilder(",");
    for (FocusColumn column : FocusRawSchema.FIELDS) {
      if (!positions.containsKey(column)) {
        missing.append(column.name()).append(',');
        String value = columnDefaults.get(column.name());
        if (value != null) {
          defaults.put(column, value);
        }
      }
    }
    this.absent = missing.toString();
  }

  private static Map<String, FocusColumn> byKey() {
    Map<String, FocusColumn> map = new LinkedHashMap<>();
    for (FocusColumn column : FocusColumn.values()) {
      map.put(ColumnNames.key(column.name()), column);
    }
    return map;
  }

  @Override
  public String contract() {
    return version.contract();
  }

  @Override
  protected List<String> missingColumnNames() {
    return FocusVersion.REQUIRED.stream()
        .filter(c -> !positions.containsKey(c) && !defaults.containsKey(c))
        .map(FocusColumn::name)
        .collect(Collectors.toList());
  }

  @Override
  public void fill(String[] record, Object[] values) {
    for (Map.Entry<FocusColumn, Integer> entry : positions.entrySet()) {
      values[FocusRawSchema.indexOf(entry.getKey())] = Cells.cell(record, entry.getValue());
    }
    for (Map.Entry<FocusColumn, String> entry : defaults.entrySet()) {
      values[FocusRawSchema.indexOf(entry.getKey())] = entry.getValue();
    }
    int after = FocusRawSchema.subcategoryIndex();
    values[after] = Cells.cell(record, subcategory);
    Map<String, String> extra = new LinkedHashMap<>();
    extensions.forEach(
        (name, index) -> {
          String value = Cells.cell(record, index);
          if (value != null) {
            extra.put(name, value);
          }
        });
    values[after + 1] = JavaConverters.mapAsScalaMap(extra);
    values[after + 2] = absent;
  }
}
