package dev.keysmith.credentials;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The hashes that stand in for key material wherever it must not appear. */
public final class Hashes {

  private Hashes() {}

  /** Lower-case hex SHA-256. */
  public static String sha256Hex(byte[] value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }

  /** {@code sha256:} and the first 16 hex characters of the SHA-256. */
  public static String fingerprint(byte[] value) {
    return "sha256:" + sha256Hex(value).substring(0, 16);
  }
}
