package dev.keysmith.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** Where the channel publishes its verification material. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KeyringSpec {

  @Size(max = 253)
  @Pattern(Formats.DNS_SUBDOMAIN)
  @JsonPropertyDescription(
      "Name of the keyring Secret in the channel's namespace. Defaults to "
          + "\"<channel>-keyring\".")
  private String secretName;

  public String getSecretName() {
    return secretName;
  }

  public void setSecretName(String secretName) {
    this.secretName = secretName;
  }
}
