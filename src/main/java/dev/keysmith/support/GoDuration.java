package dev.keysmith.support;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations in Go / Kubernetes syntax: {@code 90s}, {@code 15m}, {@code 720h}, {@code 1h30m}. */
public final class GoDuration {

  private static final Pattern WHOLE = Pattern.compile("^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$");
  private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|µs|ms|s|m|h)");
  /** Far beyond any sensible validity, and small enough to count in nanoseconds. */
  private static final Duration MAX = Duration.ofDays(365L * 100);

  private GoDuration() {}

  /**
   * Parses a non-negative duration.
   *
   * @throws IllegalArgumentException with a message fit for a status condition
   */
  public static Duration parse(String text) {
    if (text == null || !WHOLE.matcher(text).matches()) {
      throw new IllegalArgumentException("is not a duration such as 90s, 15m, 720h or 1h30m");
    }
    BigDecimal nanos = BigDecimal.ZERO;
    Matcher part = PART.matcher(text);
    while (part.find()) {
      nanos = nanos.add(new BigDecimal(part.group(1)).multiply(unitNanos(part.group(2))));
      if (nanos.compareTo(BigDecimal.valueOf(MAX.toNanos())) > 0) {
        throw new IllegalArgumentException("is too long (at most 100 years)");
      }
    }
    return Duration.ofNanos(nanos.longValue());
  }

  /** Formats like Go but without zero parts: {@code 1h30m}, {@code 90s} becomes {@code 1m30s}. */
  public static String format(Duration duration) {
    if (duration.isZero()) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    long hours = duration.toHours();
    int minutes = duration.toMinutesPart();
    int seconds = duration.toSecondsPart();
    int millis = duration.toMillisPart();
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (minutes > 0) {
      out.append(minutes).append('m');
    }
    if (seconds > 0 || millis > 0) {
      out.append(seconds);
      if (millis > 0) {
        out.append('.').append(String.format("%03d", millis).replaceAll("0+$", ""));
      }
      out.append('s');
    }
    return out.length() == 0 ? duration.toNanos() + "ns" : out.toString();
  }

  private static BigDecimal unitNanos(String unit) {
    return BigDecimal.valueOf(
        switch (unit) {
          case "ns" -> 1L;
          case "us", "µs" -> 1_000L;
          case "ms" -> 1_000_000L;
          case "s" -> 1_000_000_000L;
          case "m" -> 60_000_000_000L;
          default -> 3_600_000_000_000L;
        });
  }
}
