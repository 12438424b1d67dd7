package io.costlake.jobs;

import io.costlake.jobs.cli.JobSpec;
import io.costlake.jobs.cli.OptionSpec;
import io.costlake.jobs.cli.ParsedArgs;
import io.costlake.tasks.JobContext;
import io.costlake.tasks.Outcome;
import io.costlake.tasks.Validation;
import java.util.List;

/**
 * {@code costlake validate}: checks {@code cost_line_items} against the FOCUS 1.2 conformance rules
 * (the FinOps Foundation validator's rule model, loaded as data) and writes {@code
 * focus_conformance}: one row per rule with its status, failing row count and an example.
 */
public final class ValidateJob implements Job {
  private static final JobSpec SPEC =
      new JobSpec(
          "validate",
          "Check cost_line_items against the FOCUS 1.2 conformance rules",
          "Writes focus_conformance (one row per rule: PASS, FAIL for a broken MUST, WARN for a\n"
              + "broken SHOULD, INFO for an unused MAY, SKIPPED where the model has no machine check)\n"
              + "and prints the rules that do not pass. Example:\n"
              + "  costlake sql \"SELECT rule_id, status, failing_rows, example FROM focus_conformance"
              + " WHERE status IN ('FAIL','WARN')\"",
          List.of(
              OptionSpec.value("--provider", "NAME", "Check only rows of this x_Provider"),
              OptionSpec.value("--period", "yyyy-MM", "Check only this billing period"),
              OptionSpec.flag("--strict", "Exit with status 1 when a MUST rule fails")),
          null,
          null);

  @Override
  public JobSpec spec() {
    return SPEC;
  }

  @Override
  public Outcome run(JobContext context, ParsedArgs args) {
    return new Validation(args.value("--provider"), args.period("--period"), args.has("--strict"))
        .execute(context);
  }
}
