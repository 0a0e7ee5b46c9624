package dev.keysmith.support;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 network in CIDR notation, e.g. {@code 10.0.0.0/8} or {@code 2001:db8::/32}. */
public record Cidr(byte[] network, int prefixLength) {

  private static final Pattern IPV4 =
      Pattern.compile("^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])$");
  private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:]+(:[0-9.]+)?$");

  /**
   * Parses CIDR notation. The address must be the network address (no host bits set), as
   * Kubernetes requires of CIDRs in its own APIs, so that {@code 10.1.2.3/8} is caught as a typo.
   *
   * @throws IllegalArgumentException with a message fit for a status condition
   */
  public static Cidr parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("is not a CIDR such as 10.0.0.0/8 or 2001:db8::/32");
    }
    int slash = text.indexOf('/');
    if (slash < 0 || slash != text.lastIndexOf('/')) {
      throw new IllegalArgumentException("is not a CIDR such as 10.0.0.0/8 or 2001:db8::/32");
    }
    String address = text.substring(0, slash);
    String prefix = text.substring(slash + 1);
    boolean v4 = IPV4.matcher(address).matches();
    boolean v6 = !v4 && address.contains(":") && IPV6.matcher(address).matches();
    if (!(v4 || v6) || !prefix.matches("^(0|[1-9][0-9]{0,2})$")) {
      throw new IllegalArgumentException("is not a CIDR such as 10.0.0.0/8 or 2001:db8::/32");
    }
    byte[] bytes;
    try {
      // Only literal addresses reach this point, so no name lookup happens.
      bytes = InetAddress.getByName(address).getAddress();
    } catch (UnknownHostException | SecurityException e) {
      throw new IllegalArgumentException("is not a CIDR such as 10.0.0.0/8 or 2001:db8::/32");
    }
    if (v6 && bytes.length != 16) {
      // An IPv4-mapped IPv6 address: Java hands back the IPv4 form; keep the notation honest.
      throw new IllegalArgumentException("uses an IPv4-mapped IPv6 address; write the IPv4 CIDR");
    }
    int length = Integer.parseInt(prefix);
    if (length > bytes.length * 8) {
      throw new IllegalArgumentException(
          "has a prefix length above " + bytes.length * 8 + " for an IPv" + (v4 ? 4 : 6) + " address");
    }
    Cidr cidr = new Cidr(bytes, length);
    if (!cidr.toBigInteger().equals(cidr.masked(cidr.toBigInteger()))) {
      throw new IllegalArgumentException(
          "has host bits set; did you mean " + cidr.canonical() + "?");
    }
    return cidr;
  }

  public boolean isIpv4() {
    return network.length == 4;
  }

  /** Whether every address of {@code other} lies within this network. */
  public boolean contains(Cidr other) {
    return network.length == other.network.length
        && other.prefixLength >= prefixLength
        && masked(other.toBigInteger()).equals(toBigInteger());
  }

  /** The network address and prefix, host bits cleared; IPv6 in RFC 5952 form. */
  public String canonical() {
    byte[] bytes = toBytes(masked(toBigInteger()), network.length);
    return (isIpv4() ? ipv4(bytes) : ipv6(bytes)) + "/" + prefixLength;
  }

  private static String ipv4(byte[] bytes) {
    return (bytes[0] & 0xFF) + "." + (bytes[1] & 0xFF) + "." + (bytes[2] & 0xFF) + "." + (bytes[3] & 0xFF);
  }

  private static String ipv6(byte[] bytes) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }

  private BigInteger toBigInteger() {
    return new BigInteger(1, network);
  }

  private BigInteger masked(BigInteger address) {
    int bits = network.length * 8;
    BigInteger mask =
        BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
            .shiftRight(prefixLength).xor(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
    return address.and(mask);
  }

  private static byte[] toBytes(BigInteger value, int length) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[length];
    int copy = Math.min(raw.length, length);
    System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr c
        && prefixLength == c.prefixLength
        && Arrays.equals(network, c.network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + prefixLength;
  }

  @Override
  public String toString() {
    return canonical();
  }
}
