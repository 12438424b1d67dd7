package io.costlake.report;

import java.util.List;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/** The key of a slice as the FOCUS-shaped tables name it, for joins by column name. */
final class Slices {
  static final Seq<String> KEYS = seq(List.of("x_Provider", "BillingAccountId", "x_BillingPeriod"));

  private Slices() {}

  static Seq<String> seq(List<String> columns) {
    return JavaConverters.asScalaBuffer(columns).toSeq();
  }
}
