package io.costlake.io;

import io.costlake.config.ConfigFiles;
import io.costlake.config.ConfigLocation;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads config files through Hadoop's file systems, so {@code --conf s3a://...}, {@code gs://...}
 * and {@code abfss://...} work with the credentials and connectors the cluster has. Local files are
 * read from the disk without starting a file system.
 */
public final class HadoopConfigFiles implements ConfigFiles {
  private final Supplier<Configuration> conf;
  private final ConfigFiles localDisk = ConfigFiles.localDisk();
  private Configuration created;

  /**
   * @param conf the Hadoop configuration, built on first use (only remote files need it)
   */
  public HadoopConfigFiles(Supplier<Configuration> conf) {
    this.conf = conf;
  }

  @Override
  public Optional<String> read(ConfigLocation location) throws IOException {
    if (location.isLocal()) {
      return localDisk.read(location);
    }
    Path path = new Path(location.toString());
    FileSystem fs = path.getFileSystem(configuration());
    try (InputStream in = fs.open(path)) {
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
  }

  private synchronized Configuration configuration() {
    if (created == null) {
      created = conf.get();
    }
    return created;
  }
}
