package dev.keysmith.api.v1alpha1;

/** What happens to an ApiKey's Secret when the ApiKey is deleted. */
public enum DeletionPolicy {
  /** The Secret is owned by the ApiKey and garbage-collected with it. */
  Delete,
  /** The Secret carries no owner reference and stays behind. */
  Retain
}
