package io.costlake.errors;

/**
 * A failure a user can act on. Its message is one line that names what failed and why; the CLI
 * prints it as is, without a stack trace. Build these through {@link CostlakeErrors}.
 */
public class CostlakeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What kind of failure, which decides the process exit code. */
  public enum Kind {
    /** The command line or the config is wrong: exit code 2. */
    USAGE(2),
    /** The input or the environment prevented the job from finishing: exit code 1. */
    FAILED(1);

    private final int exitCode;

    Kind(int exitCode) {
      this.exitCode = exitCode;
    }

    public int exitCode() {
      return exitCode;
    }
  }

  private final Kind kind;

  CostlakeException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  CostlakeException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
