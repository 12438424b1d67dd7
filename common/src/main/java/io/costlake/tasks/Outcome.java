package io.costlake.tasks;

/**
 * What a task did, as its result: the runner prints {@link #summary()} when the command ends, and a
 * composer ({@code pipeline}, {@code demo}, {@code bench}) when each of its steps does.
 */
public interface Outcome {
  /** What to tell the person who ran it, line by line, each line ending in a newline. */
  String summary();
}
