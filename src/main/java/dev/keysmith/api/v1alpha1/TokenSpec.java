package dev.keysmith.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Short-lived signed access tokens for the keys of a channel. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TokenSpec {

  @JsonPropertyDescription(
      "true puts a short-lived signed JWT (EdDSA) into every active key's Secret, as data keys "
          + "token and tokenExpiresAt, refreshed when 80% of its ttl has passed. Defaults to false.")
  private Boolean enabled;

  @Size(max = 64)
  @Pattern(Formats.DURATION)
  @ValidationRule(value = "duration(self) >= duration('5m') && duration(self) <= duration('24h')", message = "must be between 5m and 24h")
  @JsonPropertyDescription("Lifetime of a token, 5m to 24h. Defaults to 1h.")
  private String ttl;

  @Size(max = 253)
  @JsonPropertyDescription("The aud claim of tokens. Defaults to \"<channel namespace>/<channel name>\".")
  private String audience;

  @Size(max = 64)
  @Pattern(Formats.DURATION)
  @ValidationRule(value = "duration(self) >= duration('10s')", message = "must be at least 10s")
  @JsonPropertyDescription(
      "How often the channel's Ed25519 signing key is replaced, e.g. 2160h. Retired public keys "
          + "stay in jwks.json until every token they signed has expired. Defaults to 2160h.")
  private String signingKeyRotation;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public String getTtl() {
    return ttl;
  }

  public void setTtl(String ttl) {
    this.ttl = ttl;
  }

  public String getAudience() {
    return audience;
  }

  public void setAudience(String audience) {
    this.audience = audience;
  }

  public String getSigningKeyRotation() {
    return signingKeyRotation;
  }

  public void setSigningKeyRotation(String signingKeyRotation) {
    this.signingKeyRotation = signingKeyRotation;
  }
}
