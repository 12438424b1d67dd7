package io.costlake.tasks;

/**
 * The work of one command, built from its options: {@code costlake <job>} builds one and runs it,
 * and {@code pipeline}, {@code demo} and {@code bench} compose them, so no job calls into another.
 * {@link #execute} returns what it did with its summary ({@link Outcome}), which the runner prints.
 */
public interface Task<R extends Outcome> {
  /** The job it is the work of: {@code amortize}, {@code allocate}, ... */
  String name();

  R execute(JobContext context);
}
