package io.costlake.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** One alert, as {@link Alerts} made it: what it is about, whose it is, what it says. */
public final class Alert {
  private final String key;
  private final String kind;
  private final String billingPeriod;
  private final String owner;
  private final String message;

  public Alert(String key, String kind, String billingPeriod, String owner, String message) {
    this.key = key;
    this.kind = kind;
    this.billingPeriod = billingPeriod;
    this.owner = owner;
    this.message = message;
  }

  public String key() {
    return key;
  }

  /** Short and stable: what receivers can deduplicate on (the Idempotency-Key header). */
  public String id() {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (int i = 0; i < 8; i++) {
        hex.append(String.format("%02x", hash[i]));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public String kind() {
    return kind;
  }

  public String billingPeriod() {
    return billingPeriod;
  }

  public String owner() {
    return owner;
  }

  public String message() {
    return message;
  }

  /** A title for the formats that show one. */
  public String title() {
    return (kind.equals(Alerts.BUDGET) ? "costlake budget alert" : "costlake cost anomaly")
        + " for "
        + owner;
  }
}
