package io.costlake.ingest;

import io.costlake.io.SkippedFile;
import java.util.List;

/**
 * What discovery found under the sources: files to read, sources it could not use, and every other
 * file, by name, with the reason it is not read.
 */
public final class Discovery {
  public static final String NOT_AN_EXPORT = "not an export file of this provider";
  public static final String NOT_CHOSEN = "an older assembly or another period than the manifests";

  private final List<ExportFile> files;
  private final List<SourceFailure> failures;
  private final List<SkippedFile> ignored;

  public Discovery(
      List<ExportFile> files, List<SourceFailure> failures, List<SkippedFile> ignored) {
    this.files = List.copyOf(files);
    this.failures = List.copyOf(failures);
    this.ignored = List.copyOf(ignored);
  }

  public List<ExportFile> files() {
    return files;
  }

  public List<SourceFailure> failures() {
    return failures;
  }

  /** Files under the sources that are not read, each with why. */
  public List<SkippedFile> ignored() {
    return ignored;
  }
}
