package io.costlake.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What lies under a source: the files to consider, and what is skipped, each by name. */
public final class Listing {
  private final List<StoredFile> files;
  private final List<SkippedFile> skipped;

  Listing(List<StoredFile> files, List<SkippedFile> skipped) {
    List<StoredFile> sortedFiles = new ArrayList<>(files);
    Collections.sort(sortedFiles);
    List<SkippedFile> sortedSkipped = new ArrayList<>(skipped);
    Collections.sort(sortedSkipped);
    this.files = List.copyOf(sortedFiles);
    this.skipped = List.copyOf(sortedSkipped);
  }

  /** Sorted by URI. */
  public List<StoredFile> files() {
    return files;
  }

  /** Sorted by URI. */
  public List<SkippedFile> skipped() {
    return skipped;
  }
}
