package dev.keysmith.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.Map;

/** Labels and annotations copied onto the Secret that holds a key's credential. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretTemplate {

  @Size(max = 64)
  @JsonPropertyDescription(
      "Labels added to the Secret. Keysmith's own labels (app.kubernetes.io/managed-by,"
          + " keysmith.dev/*) cannot be overridden.")
  private Map<String, @Size(max = 63) String> labels;

  @Size(max = 64)
  @JsonPropertyDescription(
      "Annotations added to the Secret. Keysmith's own annotations (keysmith.dev/*) cannot be"
          + " overridden.")
  private Map<String, @Size(max = 4096) String> annotations;

  public Map<String, String> getLabels() {
    return labels;
  }

  public void setLabels(Map<String, String> labels) {
    this.labels = labels;
  }

  public Map<String, String> getAnnotations() {
    return annotations;
  }

  public void setAnnotations(Map<String, String> annotations) {
    this.annotations = annotations;
  }
}
