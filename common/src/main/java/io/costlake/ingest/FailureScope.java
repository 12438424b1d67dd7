package io.costlake.ingest;

import java.util.Objects;
import java.util.Set;

/**
 * The slices a file that could not be read (or a manifest that could not be used) may have held
 * rows of: those are left as they were, since replacing them would drop the rows nobody read.
 *
 * <ul>
 *   <li>Period and account known (a CUR manifest names both): that one slice, whichever source of
 *       the run feeds it.
 *   <li>Otherwise: every slice its own source feeds in the run, of its period when that is known.
 *       An export's files together make its slices, and an unread file may hold rows of any.
 * </ul>
 *
 * Slices fed only by other sources go on: one broken export does not hold up the rest of a run.
 */
public final class FailureScope {
  private final String source;
  private final String billingPeriod;
  private final String billingAccountId;

  public FailureScope(String source, String billingPeriod, String billingAccountId) {
    this.source = Objects.requireNonNull(source);
    this.billingPeriod = billingPeriod;
    this.billingAccountId = billingAccountId;
  }

  /** The scope of a file discovery chose, from what its manifest (if any) says. */
  public static FailureScope of(ExportFile file) {
    return new FailureScope(
        file.source(), file.billingPeriod().orElse(null), file.billingAccountId().orElse(null));
  }

  /**
   * @param slice a slice of the run
   * @param sourcesFeedingIt the sources whose files feed {@code slice} in this run
   */
  public boolean covers(SliceKey slice, Set<String> sourcesFeedingIt) {
    if (billingPeriod != null && !billingPeriod.equals(slice.billingPeriod().toString())) {
      return false;
    }
    if (billingAccountId != null && !billingAccountId.equals(slice.billingAccountId())) {
      return false;
    }
    return (billingPeriod != null && billingAccountId != null) || sourcesFeedingIt.contains(source);
  }
}
