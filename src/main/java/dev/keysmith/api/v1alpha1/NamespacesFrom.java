package dev.keysmith.api.v1alpha1;

/** Which namespaces may bind ApiKeys to a channel. */
public enum NamespacesFrom {
  /** Only the channel's own namespace. */
  Same,
  /** Every namespace. */
  All,
  /** Namespaces whose labels match {@code allowedNamespaces.selector}. */
  Selector
}
