package io.costlake.ingest.read;

import io.costlake.errors.CostlakeErrors;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What every CSV layout's header binding shares: its width, the columns it does not know (schema
 * drift, reported and carried on), and the refusal of a header that lacks a required column.
 */
public abstract class BoundHeader implements CsvLayout.Binding, Serializable {
  private static final long serialVersionUID = 1L;

  /** Columns outside the contract, as the header spells them. */
  protected final List<String> unknown = new ArrayList<>();

  private final int width;

  protected BoundHeader(int width) {
    this.width = width;
  }

  /** The required columns the header lacks, as a user would look for them, in contract order. */
  protected abstract List<String> missingColumnNames();

  @Override
  public final Optional<String> contractViolation() {
    List<String> missing = missingColumnNames();
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(CostlakeErrors.missingRequiredColumns(missing, contract()));
  }

  @Override
  public final List<String> unknownColumns() {
    return List.copyOf(unknown);
  }

  @Override
  public final int width() {
    return width;
  }

  /** A header cell without a UTF-8 byte-order mark and surrounding blanks. */
  public static String clean(String name) {
    String n = name == null ? "" : name;
    if (!n.isEmpty() && n.charAt(0) == '\uFEFF') {
      n = n.substring(1);
    }
    return n.trim();
  }
}
