package dev.keysmith.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A default key that the channel keeps alive. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DefaultKeySpec {

  @JsonPropertyDescription(
      "true keeps an ApiKey named \"<channel>-default\" (label keysmith.dev/default-key=true, "
          + "owned by the channel) in the channel's namespace; if it is deleted or revoked, a fresh "
          + "one replaces it. Defaults to false.")
  private Boolean enabled;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }
}
