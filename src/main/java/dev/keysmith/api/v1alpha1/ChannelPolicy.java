package dev.keysmith.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Rules for the keys of a channel. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.defaultValidity) || !has(self.maxValidity) || duration(self.defaultValidity) <= duration(self.maxValidity)", message = "defaultValidity must not exceed maxValidity")
public class ChannelPolicy {

  @JsonPropertyDescription(
      "true requires every key to expire: keys must set expiresAt or validFor unless "
          + "defaultValidity is set. Defaults to false.")
  private Boolean requireExpiry;

  @Size(max = 64)
  @Pattern(Formats.DURATION)
  @ValidationRule(value = "duration(self) >= duration('1s')", message = "must be at least 1s")
  @JsonPropertyDescription(
      "Validity applied to keys that set neither expiresAt nor validFor, counted from "
          + "activation, e.g. 2160h.")
  private String defaultValidity;

  @Size(max = 64)
  @Pattern(Formats.DURATION)
  @ValidationRule(value = "duration(self) >= duration('1s')", message = "must be at least 1s")
  @JsonPropertyDescription(
      "Longest validity a key may have, counted from activation, e.g. 8760h. Keys asking for "
          + "longer fail with InvalidSpec; keys asking for none get this validity when "
          + "defaultValidity is not set.")
  private String maxValidity;

  @JsonPropertyDescription("Rotation for keys that set no spec.rotation.")
  private RotationSpec rotation;

  @Min(1)
  @Max(1000000)
  @JsonPropertyDescription(
      "Most keys of the channel that may be active at once; further keys stay Pending with "
          + "reason QuotaExceeded (oldest keys win). Unlimited when unset.")
  private Integer maxKeys;

  public Boolean getRequireExpiry() {
    return requireExpiry;
  }

  public void setRequireExpiry(Boolean requireExpiry) {
    this.requireExpiry = requireExpiry;
  }

  public String getDefaultValidity() {
    return defaultValidity;
  }

  public void setDefaultValidity(String defaultValidity) {
    this.defaultValidity = defaultValidity;
  }

  public String getMaxValidity() {
    return maxValidity;
  }

  public void setMaxValidity(String maxValidity) {
    this.maxValidity = maxValidity;
  }

  public RotationSpec getRotation() {
    return rotation;
  }

  public void setRotation(RotationSpec rotation) {
    this.rotation = rotation;
  }

  public Integer getMaxKeys() {
    return maxKeys;
  }

  public void setMaxKeys(Integer maxKeys) {
    this.maxKeys = maxKeys;
  }
}
