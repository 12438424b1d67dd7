package io.costlake.io;

import java.io.IOException;

/**
 * A file whose content costlake will not read as it is, with the reason code its quarantine row and
 * {@code ingest_runs} carry and a message naming the cause and the fix.
 */
public final class RefusedContent extends IOException {
  private static final long serialVersionUID = 1L;
  private final String code;

  public RefusedContent(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
