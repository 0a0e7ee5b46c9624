package dev.keysmith.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** The observed state of an ApiChannel. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ApiChannelStatus {

  @JsonPropertyDescription("metadata.generation of the spec this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("Conditions Ready (the channel is valid and its keyring is published) and Active.")
  private List<Condition> conditions;

  @JsonPropertyDescription("Number of the channel's keys in each phase.")
  private KeyCounts keys;

  @JsonPropertyDescription("Name of the keyring Secret in the channel's namespace.")
  private String keyringSecretName;

  @JsonPropertyDescription("Revision of the keyring's content: +1 on every change.")
  private Long keyringRevision;

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public KeyCounts getKeys() {
    return keys;
  }

  public void setKeys(KeyCounts keys) {
    this.keys = keys;
  }

  public String getKeyringSecretName() {
    return keyringSecretName;
  }

  public void setKeyringSecretName(String keyringSecretName) {
    this.keyringSecretName = keyringSecretName;
  }

  public Long getKeyringRevision() {
    return keyringRevision;
  }

  public void setKeyringRevision(Long keyringRevision) {
    this.keyringRevision = keyringRevision;
  }
}
