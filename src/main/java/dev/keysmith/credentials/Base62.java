package dev.keysmith.credentials;

import java.security.SecureRandom;

/** Base62 with the alphabet {@code 0-9A-Za-z}, in that order. */
public final class Base62 {

  public static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  /** Bits of entropy carried by one uniformly random base62 character. */
  public static final double BITS_PER_CHAR = Math.log(62) / Math.log(2);

  private Base62() {}

  /**
   * Uniformly random base62 text. Rejection sampling over 6-bit values keeps every character
   * equally likely (a plain modulo would favour the first two).
   */
  public static String random(SecureRandom random, int length) {
    StringBuilder out = new StringBuilder(length);
    byte[] buffer = new byte[Math.min(length + 16, 256)];
    while (out.length() < length) {
      random.nextBytes(buffer);
      for (int i = 0; i < buffer.length && out.length() < length; i++) {
        int sixBits = buffer[i] & 0x3F;
        if (sixBits < 62) {
          out.append(ALPHABET.charAt(sixBits));
        }
      }
    }
    return out.toString();
  }

  /** {@code value} (unsigned) in base62, most significant digit first, left-padded with 0. */
  public static String encode(long value, int width) {
    if (value < 0) {
      throw new IllegalArgumentException("value must not be negative");
    }
    char[] digits = new char[width];
    long rest = value;
    for (int i = width - 1; i >= 0; i--) {
      digits[i] = ALPHABET.charAt((int) (rest % 62));
      rest /= 62;
    }
    if (rest != 0) {
      throw new IllegalArgumentException("value does not fit in " + width + " base62 digits");
    }
    return new String(digits);
  }

  public static boolean isBase62(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (ALPHABET.indexOf(text.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }
}
