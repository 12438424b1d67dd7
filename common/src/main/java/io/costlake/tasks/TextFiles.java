package io.costlake.tasks;

import io.costlake.errors.CostlakeErrors;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Exported text files (CSV, JSON, HTML) on any file system Hadoop reaches: local, s3a, gs... */
public final class TextFiles {
  private TextFiles() {}

  public static void write(JobContext context, String uri, String text) {
    try {
      Path path = new Path(uri);
      FileSystem fs = path.getFileSystem(context.hadoopConf());
      try (OutputStream out = fs.create(path, true)) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw CostlakeErrors.cannotWrite(uri, String.valueOf(e.getMessage()));
    }
  }
}
