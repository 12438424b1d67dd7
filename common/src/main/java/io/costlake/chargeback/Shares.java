package io.costlake.chargeback;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an amount across lines in proportion to weights, at 10 decimals, the heaviest line (the
 * first on a tie) taking the residual so the parts add up to the amount exactly.
 */
final class Shares {
  static final int SCALE = 10;

  private Shares() {}

  static List<BigDecimal> split(BigDecimal amount, List<BigDecimal> weights) {
    List<BigDecimal> parts = new ArrayList<>();
    BigDecimal total = weights.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    int heaviest = 0;
    for (int i = 0; i < weights.size(); i++) {
      if (weights.get(i).abs().compareTo(weights.get(heaviest).abs()) > 0) {
        heaviest = i;
      }
      parts.add(
          total.signum() == 0
              ? BigDecimal.ZERO
              : amount.multiply(weights.get(i)).divide(total, SCALE, RoundingMode.HALF_UP));
    }
    if (!parts.isEmpty()) {
      BigDecimal others = BigDecimal.ZERO;
      for (int i = 0; i < parts.size(); i++) {
        if (i != heaviest) {
          others = others.add(parts.get(i));
        }
      }
      parts.set(heaviest, amount.subtract(others));
    }
    return parts;
  }
}
