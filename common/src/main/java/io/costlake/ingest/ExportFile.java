package io.costlake.ingest;

import io.costlake.io.StoredFile;
import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A data file chosen for ingestion, with what discovery learned about it: the source it was found
 * under, the manifest that named it, the export assembly, and the billing period and account the
 * manifest says it holds.
 */
public final class ExportFile implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How the file's bytes are laid out. */
  public enum Layout {
    CSV,
    PARQUET,
    /** Newline-delimited JSON, one record per line (BigQuery exports). */
    JSON,
    AVRO;

    public static Optional<Layout> ofName(String name) {
      String n = name.toLowerCase(Locale.ROOT);
      if (n.endsWith(".parquet")) {
        return Optional.of(PARQUET);
      }
      if (n.endsWith(".avro")) {
        return Optional.of(AVRO);
      }
      if (n.endsWith(".json")
          || n.endsWith(".jsonl")
          || n.endsWith(".ndjson")
          || n.endsWith(".json.gz")
          || n.endsWith(".jsonl.gz")
          || n.endsWith(".ndjson.gz")) {
        return n.endsWith("manifest.json") ? Optional.empty() : Optional.of(JSON);
      }
      if (n.endsWith(".csv")
          || n.endsWith(".csv.gz")
          || n.endsWith(".csv.zip")
          || n.endsWith(".csv.gzip")) {
        return Optional.of(CSV);
      }
      return Optional.empty();
    }
  }

  private final StoredFile file;
  private final Layout layout;
  private final String source;
  private final String manifest;
  private final String assemblyId;
  private final String billingPeriod;
  private final String billingAccountId;

  /** A file found without a manifest: nothing is known of it but where it was found. */
  public ExportFile(StoredFile file, Layout layout, String source) {
    this(file, layout, source, null, null, null, null);
  }

  public ExportFile(
      StoredFile file,
      Layout layout,
      String source,
      String manifest,
      String assemblyId,
      String billingPeriod,
      String billingAccountId) {
    this.file = Objects.requireNonNull(file);
    this.layout = Objects.requireNonNull(layout);
    this.source = Objects.requireNonNull(source);
    this.manifest = manifest;
    this.assemblyId = assemblyId;
    this.billingPeriod = billingPeriod;
    this.billingAccountId = billingAccountId;
  }

  public StoredFile file() {
    return file;
  }

  public String uri() {
    return file.uri();
  }

  public Layout layout() {
    return layout;
  }

  /**
   * The {@code --source} the file was found under: one export, whose files together make its
   * slices, so a file of it that cannot be read may have held rows of any of them.
   */
  public String source() {
    return source;
  }

  public Optional<String> manifest() {
    return Optional.ofNullable(manifest);
  }

  public Optional<String> assemblyId() {
    return Optional.ofNullable(assemblyId);
  }

  /** The billing period (yyyy-MM) the manifest assigns the file to, when there is a manifest. */
  public Optional<String> billingPeriod() {
    return Optional.ofNullable(billingPeriod);
  }

  /** The billing account the manifest says the file belongs to, when it says. */
  public Optional<String> billingAccountId() {
    return Optional.ofNullable(billingAccountId);
  }

  @Override
  public String toString() {
    return file.uri();
  }
}
