package io.costlake.testing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 in hex, as costlake records file checksums. */
public final class Hashes {
  private Hashes() {}

  public static String sha256Hex(byte[] bytes) {
    try {
      StringBuilder hex = new StringBuilder();
      for (byte b : MessageDigest.getInstance("SHA-256").digest(bytes)) {
        hex.append(String.format("%02x", b));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
