package io.costlake.ingest.read;

/**
 * Column names as providers spell them: {@code lineItem/UnblendedCost}, {@code
 * line_item_unblended_cost} and {@code LineItemUnblendedCost} are one column to every adapter.
 */
public final class ColumnNames {
  private ColumnNames() {}

  /** Folds every spelling of a column name onto one key: lower case, letters and digits only. */
  public static String key(String columnName) {
    StringBuilder key = new StringBuilder(columnName.length());
    for (int i = 0; i < columnName.length(); i++) {
      char c = columnName.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        key.append(Character.toLowerCase(c));
      }
    }
    return key.toString();
  }
}
