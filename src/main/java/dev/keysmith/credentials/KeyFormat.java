package dev.keysmith.credentials;

import java.util.regex.Pattern;

/** Prefix and random length of generated credentials, as a channel's keyFormat sets them. */
public record KeyFormat(String prefix, int length) {

  public static final int MIN_LENGTH = 22;
  public static final int MAX_LENGTH = 128;
  public static final int DEFAULT_LENGTH = 32;
  private static final Pattern PREFIX = Pattern.compile("^[a-z][a-z0-9]{1,11}$");

  public KeyFormat {
    if (prefix == null || !PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("prefix must match " + PREFIX.pattern());
    }
    if (length < MIN_LENGTH || length > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "length must be between " + MIN_LENGTH + " and " + MAX_LENGTH);
    }
  }

  public static boolean isValidPrefix(String prefix) {
    return prefix != null && PREFIX.matcher(prefix).matches();
  }
}
