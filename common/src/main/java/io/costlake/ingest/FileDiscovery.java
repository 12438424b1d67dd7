package io.costlake.ingest;

import io.costlake.errors.CostlakeErrors;
import io.costlake.io.FileLister;
import io.costlake.io.Listing;
import io.costlake.io.SkippedFile;
import io.costlake.io.StoredFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;

/**
 * Discovery for exports without manifests: every file under each source whose name says it is one
 * of the accepted layouts. Used by providers whose exports are plain files.
 */
public final class FileDiscovery {
  private final FileLister lister;

  public FileDiscovery(Configuration conf) {
    this.lister = new FileLister(conf);
  }

  public Discovery discover(List<String> sources, Set<ExportFile.Layout> accepted, String what) {
    Map<String, ExportFile> files = new LinkedHashMap<>();
    List<SkippedFile> ignored = new ArrayList<>();
    for (String source : sources) {
      Listing listed = lister.list(source);
      int found = 0;
      List<SkippedFile> notRead = new ArrayList<>(listed.skipped());
      for (StoredFile file : listed.files()) {
        ExportFile.Layout layout = ExportFile.Layout.ofName(file.name()).orElse(null);
        if (layout != null && accepted.contains(layout)) {
          files.putIfAbsent(file.uri(), new ExportFile(file, layout, source));
          found++;
        } else {
          notRead.add(new SkippedFile(file.uri(), Discovery.NOT_AN_EXPORT));
        }
      }
      ignored.addAll(notRead);
      if (found == 0) {
        throw CostlakeErrors.noExportFiles(
            source, what, notRead.stream().map(SkippedFile::toString).collect(Collectors.toList()));
      }
    }
    return new Discovery(new ArrayList<>(files.values()), List.of(), ignored);
  }
}
