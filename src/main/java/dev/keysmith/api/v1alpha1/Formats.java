package dev.keysmith.api.v1alpha1;

/** Patterns shared by the schema annotations and by the operator's own validation. */
public final class Formats {

  /** A Go / Kubernetes duration such as {@code 90s}, {@code 15m}, {@code 720h} or {@code 1h30m}. */
  public static final String DURATION = "^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$";

  /** An RFC 3339 timestamp such as {@code 2027-06-30T00:00:00Z}. */
  public static final String TIMESTAMP =
      "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$";

  /** A DNS-1123 subdomain: the names of Secrets and of Keysmith resources. */
  public static final String DNS_SUBDOMAIN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  /** A DNS-1123 label: the names of namespaces. */
  public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  /** The shape of an IPv4 or IPv6 CIDR; the operator checks the address itself. */
  public static final String CIDR = "^[0-9a-fA-F:.]+/[0-9]{1,3}$";

  /** A key prefix: a lower-case letter, then 1 to 11 lower-case letters or digits. */
  public static final String KEY_PREFIX = "^[a-z][a-z0-9]{1,11}$";

  /** Five whitespace-separated cron fields. */
  public static final String CRON = "^\\S+(\\s+\\S+){4}$";

  /** An IANA time zone name such as {@code Europe/Berlin}. */
  public static final String TIME_ZONE = "^[A-Za-z0-9_+\\-/]+$";

  private Formats() {}
}
