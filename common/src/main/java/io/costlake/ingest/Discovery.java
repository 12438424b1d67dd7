package io.costlake.ingest;

import java.util.List;

/** What discovery found under the sources: files to read, and sources it could not use. */
public final class Discovery {
  private final List<ExportFile> files;
  private final List<SourceFailure> failures;
  private final int ignoredFiles;
  private final String whyIgnored;

  /**
   * @param whyIgnored what the ignored files are, for the run summary (e.g. "older assemblies")
   */
  public Discovery(
      List<ExportFile> files, List<SourceFailure> failures, int ignoredFiles, String whyIgnored) {
    this.files = List.copyOf(files);
    this.failures = List.copyOf(failures);
    this.ignoredFiles = ignoredFiles;
    this.whyIgnored = whyIgnored;
  }

  public List<ExportFile> files() {
    return files;
  }

  public List<SourceFailure> failures() {
    return failures;
  }

  /** Files under the sources that are not read (older assemblies, files of other formats). */
  public int ignoredFiles() {
    return ignoredFiles;
  }

  public String whyIgnored() {
    return whyIgnored;
  }
}
