package io.costlake.jobs;

import io.costlake.jobs.cli.JobSpec;
import io.costlake.jobs.cli.ParsedArgs;
import io.costlake.tasks.JobContext;

/**
 * One costlake job: a thin I/O shell over a pure transform in {@code costlake-common}. A job prints
 * a short summary to the context's output and signals failure by throwing a {@link
 * io.costlake.errors.CostlakeException} with a one-line message.
 */
public interface Job {
  JobSpec spec();

  void run(JobContext context, ParsedArgs args);
}
