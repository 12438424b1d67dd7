package io.costlake.jobs;

import io.costlake.jobs.cli.JobSpec;
import io.costlake.jobs.cli.ParsedArgs;
import io.costlake.tasks.JobContext;
import io.costlake.tasks.Outcome;

/**
 * One costlake job: a thin command-line shell over a task in {@code costlake-common}. It returns
 * the task's {@link Outcome}, whose summary the runner prints, and signals failure by throwing a
 * {@link io.costlake.errors.CostlakeException} with a one-line message.
 */
public interface Job {
  JobSpec spec();

  /**
   * Runs the job; returns what it did, or null when it printed as it went (a query's result, a
   * composer's steps).
   */
  Outcome run(JobContext context, ParsedArgs args);
}
