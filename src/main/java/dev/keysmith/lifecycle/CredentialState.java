package dev.keysmith.lifecycle;

/** What stands at the key's Secret name. */
public enum CredentialState {
  /** No Secret. */
  ABSENT,
  /** A Secret this key owns, holding a usable credential. */
  PRESENT,
  /** A Secret this key owns whose credential is missing or damaged. */
  UNUSABLE,
  /** A Secret this key does not own: never modified, never adopted. */
  FOREIGN
}
