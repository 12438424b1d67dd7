package io.costlake.tasks;

import io.costlake.config.CostlakeConfig;
import io.costlake.model.BillingPeriod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The steps of a pipeline after validation, as tasks. */
public final class PipelineSteps {
  private PipelineSteps() {}

  /**
   * Amortize through report, in order, each only when its inputs are configured (bench times each).
   */
  public static List<Task<?>> afterValidation(
      CostlakeConfig config, Optional<BillingPeriod> period) {
    List<Task<?>> steps = new ArrayList<>();
    steps.add(new Amortization(period));
    steps.add(new Allocation(period));
    if (!config.chargeback().profiles().isEmpty() || config.chargeback().profilesTable() != null) {
      steps.add(new ChargebackRun(period, Optional.empty()));
    }
    if (!config.reconcile().invoicesFiles().isEmpty()) {
      steps.add(new InvoiceReconciliation(period));
    }
    steps.add(new AnomalyScoring(period));
    steps.add(new Reporting(period));
    return steps;
  }
}
