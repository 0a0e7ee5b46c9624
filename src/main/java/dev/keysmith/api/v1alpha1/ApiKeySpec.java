package dev.keysmith.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** The desired state of an ApiKey: one named credential for one consumer of a channel. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!(has(self.expiresAt) && has(self.validFor))",
    message = "expiresAt and validFor are mutually exclusive")
@ValidationRule(
    value =
        "!has(self.secretName) || !has(self.credentials) || !has(self.credentials.existingSecretRef)"
            + " || self.secretName != self.credentials.existingSecretRef.name",
    message = "secretName must differ from credentials.existingSecretRef.name")
public class ApiKeySpec extends LenientSpec {

  /** A spec that could not be read, with the problem. */
  static ApiKeySpec unreadable(String problem) {
    return new ApiKeySpec().markUnreadable(problem);
  }

  @Required
  @JsonPropertyDescription("The ApiChannel this key belongs to.")
  private ChannelRef channelRef;

  @Size(max = 256)
  @JsonPropertyDescription("Human-readable name of the key, e.g. \"Billing service -> Payments API\".")
  private String displayName;

  @Size(max = 2048)
  @JsonPropertyDescription("What the key is used for.")
  private String description;

  @Size(max = 256)
  @JsonPropertyDescription("Who is responsible for the key, e.g. a team or an e-mail address.")
  private String owner;

  @JsonPropertyDescription(
      "Kind of credential: Opaque (one key), Basic (client id and secret) or HMAC (key id and"
          + " signing secret). Must be one of the channel's keyTypes. Defaults to the channel's"
          + " first keyType. A change takes effect at the next rotation.")
  private KeyType type;

  @Size(max = 253)
  @Pattern(Formats.DNS_SUBDOMAIN)
  @JsonPropertyDescription(
      "Name of the Secret, in the ApiKey's namespace, that receives the credential. Defaults to"
          + " \"<apikey name>-credentials\". An existing Secret of that name that Keysmith does not"
          + " own is never modified (the key reports SecretConflict).")
  private String secretName;

  @JsonPropertyDescription("Labels and annotations copied onto the Secret.")
  private SecretTemplate secretTemplate;

  @Size(max = 64)
  @Pattern(Formats.TIMESTAMP)
  @JsonPropertyDescription(
      "When the key expires (RFC 3339, e.g. 2027-06-30T00:00:00Z). At that instant the credential"
          + " is destroyed. Mutually exclusive with validFor. If neither is set, the channel's"
          + " policy.defaultValidity applies; a channel may require an expiry or cap it with"
          + " policy.maxValidity.")
  private String expiresAt;

  @Size(max = 64)
  @Pattern(Formats.DURATION)
  @ValidationRule(value = "duration(self) >= duration('1s')", message = "must be at least 1s")
  @JsonPropertyDescription(
      "How long the key is valid from its activation (first issue), e.g. 2160h. At least 1s."
          + " Mutually exclusive with expiresAt.")
  private String validFor;

  @JsonPropertyDescription(
      "Scheduled rotation and grace period. Defaults to the channel's policy.rotation; without"
          + " either, the key is only rotated on request.")
  private RotationSpec rotation;

  @Size(max = 253)
  @JsonPropertyDescription(
      "Change this value to rotate the credential once, now (e.g. \"2026-11-23-a\"). Each distinct"
          + " new value rotates exactly once; going back to an earlier value does not rotate again."
          + " The annotation keysmith.dev/rotate-request does the same without a spec change.")
  private String rotationRequest;

  @JsonPropertyDescription(
      "true revokes the key at once: its Secret is deleted and the channel stops accepting the"
          + " credential. Setting it back to false issues a brand-new credential. Defaults to false.")
  private Boolean revoked;

  @Size(max = 64)
  @JsonPropertyDescription(
      "IPv4/IPv6 CIDRs from which the key may be used, e.g. 10.1.0.0/16. Each must lie within"
          + " the channel's ipAllowlist. Defaults to the channel's allowlist.")
  private List<@Size(max = 64) @Pattern(Formats.CIDR) String> ipAllowlist;

  @JsonPropertyDescription("Use existing credentials instead of generating them.")
  private CredentialsSource credentials;

  @JsonPropertyDescription(
      "What happens to the Secret when the ApiKey is deleted: Delete (the Secret is owned by the"
          + " ApiKey and garbage-collected with it) or Retain (it stays). Defaults to Delete.")
  private DeletionPolicy deletionPolicy;

  public ChannelRef getChannelRef() {
    return channelRef;
  }

  public void setChannelRef(ChannelRef channelRef) {
    this.channelRef = channelRef;
  }

  public String getDisplayName() {
    return displayName;
  }

  public void setDisplayName(String displayName) {
    this.displayName = displayName;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public String getOwner() {
    return owner;
  }

  public void setOwner(String owner) {
    this.owner = owner;
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

  public SecretTemplate getSecretTemplate() {
    return secretTemplate;
  }

  public void setSecretTemplate(SecretTemplate secretTemplate) {
    this.secretTemplate = secretTemplate;
  }

  public String getExpiresAt() {
    return expiresAt;
  }

  public void setExpiresAt(String expiresAt) {
    this.expiresAt = expiresAt;
  }

  public String getValidFor() {
    return validFor;
  }

  public void setValidFor(String validFor) {
    this.validFor = validFor;
  }

  public RotationSpec getRotation() {
    return rotation;
  }

  public void setRotation(RotationSpec rotation) {
    this.rotation = rotation;
  }

  public String getRotationRequest() {
    return rotationRequest;
  }

  public void setRotationRequest(String rotationRequest) {
    this.rotationRequest = rotationRequest;
  }

  public Boolean getRevoked() {
    return revoked;
  }

  public void setRevoked(Boolean revoked) {
    this.revoked = revoked;
  }

  public List<String> getIpAllowlist() {
    return ipAllowlist;
  }

  public void setIpAllowlist(List<String> ipAllowlist) {
    this.ipAllowlist = ipAllowlist;
  }

  public CredentialsSource getCredentials() {
    return credentials;
  }

  public void setCredentials(CredentialsSource credentials) {
    this.credentials = credentials;
  }

  public DeletionPolicy getDeletionPolicy() {
    return deletionPolicy;
  }

  public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
    this.deletionPolicy = deletionPolicy;
  }
}
