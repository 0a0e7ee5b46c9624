package dev.keysmith.lifecycle;

/** The CamelCase condition reasons of an ApiKey, as machines read them. */
public final class Reasons {

  public static final String ISSUED = "Issued";
  public static final String ROTATED = "Rotated";
  public static final String EXPIRED = "Expired";
  public static final String NOT_EXPIRED = "NotExpired";
  public static final String REVOKED = "Revoked";
  public static final String NOT_REVOKED = "NotRevoked";
  public static final String INVALID_SPEC = "InvalidSpec";
  public static final String CHANNEL_NOT_FOUND = "ChannelNotFound";
  public static final String CHANNEL_NOT_READY = "ChannelNotReady";
  public static final String CHANNEL_INACTIVE = "ChannelInactive";
  public static final String NAMESPACE_NOT_ALLOWED = "NamespaceNotAllowed";
  public static final String TYPE_NOT_ALLOWED = "TypeNotAllowed";
  public static final String QUOTA_EXCEEDED = "QuotaExceeded";
  public static final String SECRET_CONFLICT = "SecretConflict";
  public static final String CREDENTIALS_NOT_FOUND = "CredentialsNotFound";

  private Reasons() {}
}
