package dev.keysmith.api.v1alpha1;

/** The kind of credential an ApiKey carries. */
public enum KeyType {
  /** A single opaque key: {@code <prefix>_<random><checksum>}. */
  Opaque,
  /** A client id and client secret, for HTTP Basic authentication. */
  Basic,
  /** A key id and a shared signing secret, for HMAC request signing. */
  HMAC
}
