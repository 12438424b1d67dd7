package io.costlake.provider.aws;

import io.costlake.errors.CostlakeErrors;
import io.costlake.ingest.Discovery;
import io.costlake.ingest.ExportFile;
import io.costlake.ingest.SourceFailure;
import io.costlake.io.FileLister;
import io.costlake.io.Listing;
import io.costlake.io.SkippedFile;
import io.costlake.io.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Finds the CUR files to read under each source: a report prefix with manifests, a folder of files,
 * or a single file. Where manifests exist, only the files of each billing period's current assembly
 * are read, so an older assembly left in the bucket is never read twice.
 */
public final class CurDiscovery {
  private final Configuration conf;
  private final FileLister lister;

  public CurDiscovery(Configuration conf) {
    this.conf = conf;
    this.lister = new FileLister(conf);
  }

  public Discovery discover(List<String> sources, Optional<String> period) {
    Map<String, ExportFile> files = new LinkedHashMap<>();
    List<SourceFailure> failures = new ArrayList<>();
    List<SkippedFile> ignored = new ArrayList<>();
    for (String source : sources) {
      Listing listing = lister.list(source);
      ignored.addAll(listing.skipped());
      List<StoredFile> listed = listing.files();
      List<StoredFile> manifests =
          listed.stream()
              .filter(f -> CurManifest.isManifestName(f.name()))
              .collect(Collectors.toList());
      List<StoredFile> data =
          listed.stream()
              .filter(f -> ExportFile.Layout.ofName(f.name()).isPresent())
              .collect(Collectors.toList());
      listed.stream()
          .filter(f -> !manifests.contains(f) && !data.contains(f))
          .forEach(f -> ignored.add(new SkippedFile(f.uri(), Discovery.NOT_AN_EXPORT)));
      if (manifests.isEmpty() && data.isEmpty()) {
        throw CostlakeErrors.noExportFiles(source, "AWS CUR export");
      }
      if (manifests.isEmpty()) {
        for (StoredFile f : data) {
          files.putIfAbsent(f.uri(), exportFile(f, source, null));
        }
        continue;
      }
      List<ExportFile> chosen = fromManifests(source, manifests, data, period, failures);
      chosen.forEach(f -> files.putIfAbsent(f.uri(), f));
      data.stream()
          .filter(f -> !files.containsKey(f.uri()))
          .forEach(f -> ignored.add(new SkippedFile(f.uri(), Discovery.NOT_CHOSEN)));
    }
    return new Discovery(new ArrayList<>(files.values()), failures, ignored);
  }

  private List<ExportFile> fromManifests(
      String source,
      List<StoredFile> manifestFiles,
      List<StoredFile> data,
      Optional<String> period,
      List<SourceFailure> failures) {
    Map<String, List<CurManifest>> byReportPeriod = new LinkedHashMap<>();
    for (StoredFile manifestFile : manifestFiles) {
      try {
        CurManifest manifest = read(manifestFile);
        byReportPeriod
            .computeIfAbsent(
                manifest.reportName() + "|" + manifest.billingPeriod(), k -> new ArrayList<>())
            .add(manifest);
      } catch (IllegalArgumentException e) {
        failures.add(
            new SourceFailure(
                manifestFile.uri(),
                source,
                "BAD_MANIFEST",
                "Cannot read manifest " + manifestFile.uri() + ": " + e.getMessage(),
                CurManifest.periodOfPath(manifestFile.uri()).orElse(null),
                null));
      }
    }
    Map<String, List<StoredFile>> byName = new HashMap<>();
    data.forEach(f -> byName.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(f));
    List<ExportFile> chosen = new ArrayList<>();
    for (List<CurManifest> candidates : byReportPeriod.values()) {
      String billingPeriod = candidates.get(0).billingPeriod();
      if (period.isPresent() && !period.get().equals(billingPeriod)) {
        continue;
      }
      Optional<CurManifest> current = current(source, candidates, failures);
      if (current.isEmpty()) {
        continue;
      }
      CurManifest manifest = current.get();
      List<ExportFile> resolved = new ArrayList<>();
      String missing = null;
      for (String key : manifest.keys()) {
        Optional<StoredFile> file = resolve(key, byName).or(() -> byUri(key));
        if (file.isEmpty()) {
          missing = key;
          break;
        }
        resolved.add(exportFile(file.get(), source, manifest));
      }
      if (missing != null) {
        failures.add(
            new SourceFailure(
                manifest.uri(),
                source,
                "MANIFEST_FILE_MISSING",
                CostlakeErrors.manifestFileMissing(manifest.uri(), missing).getMessage(),
                billingPeriod,
                manifest.account().orElse(null)));
      } else {
        chosen.addAll(resolved);
      }
    }
    return chosen;
  }

  /** The period-level manifest names the current assembly; alone, an assembly manifest does. */
  private static Optional<CurManifest> current(
      String source, List<CurManifest> candidates, List<SourceFailure> failures) {
    List<CurManifest> periodLevel =
        candidates.stream().filter(CurManifest::periodLevel).collect(Collectors.toList());
    List<CurManifest> pool = periodLevel.isEmpty() ? candidates : periodLevel;
    if (pool.size() == 1) {
      return Optional.of(pool.get(0));
    }
    String billingPeriod = pool.get(0).billingPeriod();
    failures.add(
        new SourceFailure(
            pool.get(0).uri(),
            source,
            "AMBIGUOUS_MANIFESTS",
            CostlakeErrors.ambiguousManifests(
                    pool.get(0).reportName() + " " + billingPeriod, uris(pool))
                .getMessage(),
            billingPeriod,
            null));
    return Optional.empty();
  }

  /**
   * Finds the listed file a manifest key names. Keys are bucket keys or URIs written where AWS
   * delivered the report; the data may since have been copied elsewhere, so the longest matching
   * tail of path segments wins (the assembly folder tells same-named parts apart).
   */
  static Optional<StoredFile> resolve(String key, Map<String, List<StoredFile>> byName) {
    String[] segments = key.split("/");
    List<StoredFile> candidates = byName.getOrDefault(segments[segments.length - 1], List.of());
    for (int tail = segments.length; tail >= 1 && !candidates.isEmpty(); tail--) {
      String suffix =
          "/"
              + String.join(
                  "/", List.of(segments).subList(segments.length - tail, segments.length));
      List<StoredFile> matching =
          candidates.stream().filter(f -> f.uri().endsWith(suffix)).collect(Collectors.toList());
      if (matching.size() == 1) {
        return Optional.of(matching.get(0));
      }
      if (!matching.isEmpty()) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** A key that is a full URI outside the listed source (e.g. a CUR 2.0 metadata folder given). */
  private Optional<StoredFile> byUri(String key) {
    if (!key.contains("://") || !lister.exists(key)) {
      return Optional.empty();
    }
    List<StoredFile> listed = lister.list(key).files();
    return listed.size() == 1 ? Optional.of(listed.get(0)) : Optional.empty();
  }

  private CurManifest read(StoredFile manifestFile) {
    Path path = new Path(manifestFile.uri());
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      return CurManifest.parse(manifestFile.uri(), in);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read it (" + e.getMessage() + ")");
    }
  }

  private static ExportFile exportFile(StoredFile file, String source, CurManifest manifest) {
    ExportFile.Layout layout = ExportFile.Layout.ofName(file.name()).orElse(ExportFile.Layout.CSV);
    return manifest == null
        ? new ExportFile(file, layout, source)
        : new ExportFile(
            file,
            layout,
            source,
            manifest.uri(),
            manifest.assemblyId().orElse(null),
            manifest.billingPeriod(),
            manifest.account().orElse(null));
  }

  private static List<String> uris(Collection<CurManifest> manifests) {
    return manifests.stream().map(CurManifest::uri).collect(Collectors.toList());
  }
}
