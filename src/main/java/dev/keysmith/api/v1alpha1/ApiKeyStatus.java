package dev.keysmith.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** The observed state of an ApiKey, derived from its Secret and its channel; never key material. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ApiKeyStatus {

  @JsonPropertyDescription("metadata.generation of the spec this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("Lifecycle phase: Pending, Active, Suspended, Expired, Revoked or Failed.")
  private KeyPhase phase;

  @JsonPropertyDescription("Conditions Ready, Activated, Expired and Revoked. Ready is True exactly when the credential is issued and accepted.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("Type of the credential currently issued (may differ from spec.type until the next rotation).")
  private KeyType type;

  @JsonPropertyDescription("Name of the Secret that holds the credential.")
  private String secretName;

  @JsonPropertyDescription("Public identifier of the credential, safe to show: the prefix and first 8 random characters (Opaque), the username (Basic) or the key id (HMAC).")
  private String keyId;

  @JsonPropertyDescription("\"sha256:\" and the first 16 hex characters of the SHA-256 of the credential's secret value.")
  private String fingerprint;

  @JsonPropertyDescription("Revision of the credential: 1 at first issue, +1 for every new credential (rotation, re-issue).")
  private Long revision;

  @JsonPropertyDescription("When the key was activated, i.e. first issued (RFC 3339). validFor counts from here.")
  private String activatedAt;

  @JsonPropertyDescription("When the key expires (RFC 3339); absent if it does not expire.")
  private String expiresAt;

  @JsonPropertyDescription("When the credential was last rotated (RFC 3339).")
  private String lastRotatedAt;

  @JsonPropertyDescription("When the next scheduled rotation happens (RFC 3339).")
  private String nextRotationAt;

  @JsonPropertyDescription("Until when the previous credential stays valid after the last rotation (RFC 3339).")
  private String previousValidUntil;

  @JsonPropertyDescription("The last value of spec.rotationRequest that was handled.")
  private String lastRotationRequest;

  @JsonPropertyDescription("The last value of the keysmith.dev/rotate-request annotation that was handled.")
  private String lastRotateAnnotation;

  @JsonPropertyDescription("When the access token in the Secret expires (RFC 3339), for channels with tokens.")
  private String tokenExpiresAt;

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public KeyPhase getPhase() {
    return phase;
  }

  public void setPhase(KeyPhase phase) {
    this.phase = phase;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public KeyType getType() {
    return type;
  }

  public void setType(KeyType type) {
    this.type = type;
  }

  public String getSecretName() {
    return secretName;
  }

  public void setSecretName(String secretName) {
    this.secretName = secretName;
  }

  public String getKeyId() {
    return keyId;
  }

  public void setKeyId(String keyId) {
    this.keyId = keyId;
  }

  public String getFingerprint() {
    return fingerprint;
  }

  public void setFingerprint(String fingerprint) {
    this.fingerprint = fingerprint;
  }

  public Long getRevision() {
    return revision;
  }

  public void setRevision(Long revision) {
    this.revision = revision;
  }

  public String getActivatedAt() {
    return activatedAt;
  }

  public void setActivatedAt(String activatedAt) {
    this.activatedAt = activatedAt;
  }

  public String getExpiresAt() {
    return expiresAt;
  }

  public void setExpiresAt(String expiresAt) {
    this.expiresAt = expiresAt;
  }

  public String getLastRotatedAt() {
    return lastRotatedAt;
  }

  public void setLastRotatedAt(String lastRotatedAt) {
    this.lastRotatedAt = lastRotatedAt;
  }

  public String getNextRotationAt() {
    return nextRotationAt;
  }

  public void setNextRotationAt(String nextRotationAt) {
    this.nextRotationAt = nextRotationAt;
  }

  public String getPreviousValidUntil() {
    return previousValidUntil;
  }

  public void setPreviousValidUntil(String previousValidUntil) {
    this.previousValidUntil = previousValidUntil;
  }

  public String getLastRotationRequest() {
    return lastRotationRequest;
  }

  public void setLastRotationRequest(String lastRotationRequest) {
    this.lastRotationRequest = lastRotationRequest;
  }

  public String getLastRotateAnnotation() {
    return lastRotateAnnotation;
  }

  public void setLastRotateAnnotation(String lastRotateAnnotation) {
    this.lastRotateAnnotation = lastRotateAnnotation;
  }

  public String getTokenExpiresAt() {
    return tokenExpiresAt;
  }

  public void setTokenExpiresAt(String tokenExpiresAt) {
    this.tokenExpiresAt = tokenExpiresAt;
  }
}
