package dev.keysmith.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.crd.generator.annotation.SchemaFrom;

/**
 * A spec that may have been unreadable: set only when the stored spec could not be read (see
 * {@link Lenient}), with what is wrong, by field. The marker is kept through the operator SDK's
 * serialization-based copies and is not part of the CRD schema.
 */
public abstract class LenientSpec {

  static final String UNREADABLE = "x-keysmith-unreadable";

  @JsonProperty(UNREADABLE)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @SchemaFrom(type = void.class)
  private String unreadable;

  /** What is wrong with a spec that could not be read; null for a readable one. */
  public String getUnreadable() {
    return unreadable;
  }

  /** Marks this (empty) spec as standing for one that could not be read. */
  <T extends LenientSpec> T markUnreadable(String problem) {
    this.unreadable = problem;
    @SuppressWarnings("unchecked")
    T self = (T) this;
    return self;
  }
}
