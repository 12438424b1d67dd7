package io.costlake.ingest.read;

import io.costlake.io.OpenedFile;
import io.costlake.io.RefusedContent;
import io.costlake.io.StoredFile;
import io.costlake.io.Utf8Text;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import org.apache.hadoop.conf.Configuration;

/** The refusal a reader's failure stands for, found anywhere in its chain of causes. */
public final class Refusals {
  private Refusals() {}

  /**
   * The refusal behind {@code failure}, or null when it is another failure. Text that is not UTF-8
   * is located by reading the file again from its start (only on this failure path).
   */
  public static RefusedContent of(Throwable failure, StoredFile file, Configuration conf) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RefusedContent) {
        return (RefusedContent) t;
      }
      if (t instanceof CharacterCodingException) {
        try (OpenedFile again = OpenedFile.open(file.uri(), conf)) {
          return Utf8Text.notUtf8(again.content());
        } catch (IOException | RuntimeException e) {
          return new RefusedContent(
              Utf8Text.NOT_UTF8, "the file holds bytes that are not UTF-8: export it as UTF-8");
        }
      }
    }
    return null;
  }
}
