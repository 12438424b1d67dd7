package io.costlake.tasks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What a task says while it runs, kept for its {@link Outcome} instead of printed. When the task
 * fails, what it said so far is printed at once, before the error, as it was before.
 */
final class Said {
  private Said() {}

  /**
   * Runs {@code work} with a context that prints into a buffer, and gives its result that text.
   *
   * @param summarize the result with the text as its summary
   */
  static <R> R collect(
      JobContext context, Function<JobContext, R> work, BiFunction<R, String, R> summarize) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream buffer = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    R result;
    try {
      result = work.apply(context.withOut(buffer));
    } catch (RuntimeException | Error e) {
      context.out().print(bytes.toString(StandardCharsets.UTF_8));
      throw e;
    }
    return summarize.apply(result, bytes.toString(StandardCharsets.UTF_8));
  }
}
