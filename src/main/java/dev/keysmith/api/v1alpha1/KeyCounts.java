package dev.keysmith.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Number of the channel's keys in each phase. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KeyCounts {

  @JsonPropertyDescription("Keys whose credential is issued and accepted.")
  private Integer active;

  @JsonPropertyDescription("Keys waiting on something else (e.g. quota, namespace access).")
  private Integer pending;

  @JsonPropertyDescription("Keys suspended because the channel is inactive.")
  private Integer suspended;

  @JsonPropertyDescription("Keys that expired.")
  private Integer expired;

  @JsonPropertyDescription("Keys that were revoked.")
  private Integer revoked;

  @JsonPropertyDescription("Keys whose spec must change (invalid spec, type not allowed, Secret conflict).")
  private Integer failed;

  public Integer getActive() {
    return active;
  }

  public void setActive(Integer active) {
    this.active = active;
  }

  public Integer getPending() {
    return pending;
  }

  public void setPending(Integer pending) {
    this.pending = pending;
  }

  public Integer getSuspended() {
    return suspended;
  }

  public void setSuspended(Integer suspended) {
    this.suspended = suspended;
  }

  public Integer getExpired() {
    return expired;
  }

  public void setExpired(Integer expired) {
    this.expired = expired;
  }

  public Integer getRevoked() {
    return revoked;
  }

  public void setRevoked(Integer revoked) {
    this.revoked = revoked;
  }

  public Integer getFailed() {
    return failed;
  }

  public void setFailed(Integer failed) {
    this.failed = failed;
  }
}
