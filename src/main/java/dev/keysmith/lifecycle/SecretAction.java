package dev.keysmith.lifecycle;

/** What to do with the key's Secret. */
public enum SecretAction {
  /** Leave the credential as it is (metadata may still be brought up to date). */
  KEEP,
  /** Issue a first (or, after revocation or expiry, a brand-new) credential. */
  ISSUE,
  /** Issue a new credential because the previous one was lost with its Secret. */
  REISSUE,
  /**
   * Replace the credential by a new one, keeping the old one as the previous credential for the
   * grace period: the schedule is due or a new rotation request arrived.
   */
  ROTATE,
  /** Destroy the credential: delete the Secret. */
  DELETE
}
