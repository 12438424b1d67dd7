package io.costlake.ingest;

import java.util.List;

/** What discovery found under the sources: files to read, and sources it could not use. */
public final class Discovery {
  private final List<ExportFile> files;
  private final List<SourceFailure> failures;
  private final int ignoredFiles;

  public Discovery(List<ExportFile> files, List<SourceFailure> failures, int ignoredFiles) {
    this.files = List.copyOf(files);
    this.failures = List.copyOf(failures);
    this.ignoredFiles = ignoredFiles;
  }

  public List<ExportFile> files() {
    return files;
  }

  public List<SourceFailure> failures() {
    return failures;
  }

  /** Data files present but not part of any current assembly (older assemblies, other periods). */
  public int ignoredFiles() {
    return ignoredFiles;
  }
}
