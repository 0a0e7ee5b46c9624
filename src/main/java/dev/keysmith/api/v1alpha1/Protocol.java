package dev.keysmith.api.v1alpha1;

/** The kind of API surface an ApiChannel describes. */
public enum Protocol {
  REST,
  HTTP,
  FTP,
  WebService,
  Email
}
