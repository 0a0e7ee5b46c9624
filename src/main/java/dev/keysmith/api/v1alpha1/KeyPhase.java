package dev.keysmith.api.v1alpha1;

/** The lifecycle phase of an ApiKey, summarised in {@code status.phase}. */
public enum KeyPhase {
  /** Waiting on something outside the key: its channel, its namespace's access, the quota. */
  Pending,
  /** The credential is issued and valid. */
  Active,
  /** The channel is inactive: the credential is kept but not accepted. */
  Suspended,
  /** The expiry passed: the credential was destroyed. */
  Expired,
  /** The key was revoked: the credential was destroyed. */
  Revoked,
  /** The key itself must change: its spec is invalid, its type not allowed, its Secret taken. */
  Failed
}
