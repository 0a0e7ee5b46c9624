package dev.keysmith.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Where a key's credential comes from when it is not generated. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CredentialsSource {

  @JsonPropertyDescription(
      "Use the credential in this Secret instead of generating one. The Secret is read, never"
          + " modified. It must hold the data keys of the key's type: apiKey (Opaque), username and"
          + " password (Basic), or keyId and secret (HMAC); secret values need at least 16"
          + " characters. Keysmith copies the credential into spec.secretName and follows changes"
          + " to it (a change counts as a rotation).")
  private SecretReference existingSecretRef;

  public SecretReference getExistingSecretRef() {
    return existingSecretRef;
  }

  public void setExistingSecretRef(SecretReference existingSecretRef) {
    this.existingSecretRef = existingSecretRef;
  }
}
