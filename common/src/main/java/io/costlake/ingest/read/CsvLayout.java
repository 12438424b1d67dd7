package io.costlake.ingest.read;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.types.StructType;

/**
 * How one provider's CSV exports turn into its raw frame: the frame's schema, and for each file's
 * header a {@link Binding} that knows the contract, what is missing or unknown, and where each raw
 * field sits. Implementations never throw on bad headers; they report.
 */
public interface CsvLayout extends Serializable {
  /** The raw frame ({@link io.costlake.ingest.RawFrame#schema}) this layout fills. */
  StructType schema();

  /** The contract a file is read under when it has no header at all. */
  String defaultContract();

  Binding bind(String[] header);

  /** One file's header, bound to the raw frame. */
  interface Binding {
    String contract();

    /** Why the file cannot be mapped at all (missing required columns), when it cannot. */
    Optional<String> contractViolation();

    /** Columns the contract does not know: schema drift, reported and carried on. */
    List<String> unknownColumns();

    /** Cells in the header. */
    int width();

    /**
     * Fills the provider fields of {@code values} (from {@link
     * io.costlake.ingest.RawFrame#FIRST_PROVIDER_FIELD}) from one record.
     */
    void fill(String[] record, Object[] values);
  }
}
