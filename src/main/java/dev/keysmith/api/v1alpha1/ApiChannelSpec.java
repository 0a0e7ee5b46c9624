package dev.keysmith.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** The desired state of an ApiChannel: an API surface, its key policy and its allowlist. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ApiChannelSpec extends LenientSpec {

  /** A spec that could not be read, with the problem. */
  static ApiChannelSpec unreadable(String problem) {
    return new ApiChannelSpec().markUnreadable(problem);
  }

  @Required
  @JsonPropertyDescription("The API surface: REST, HTTP, FTP, WebService or Email.")
  private Protocol protocol;

  @JsonPropertyDescription(
      "false suspends every key of the channel: credentials are kept but leave the keyring "
          + "until the channel is active again. Defaults to true.")
  private Boolean active;

  @Size(min = 1, max = 3)
  @JsonPropertyDescription(
      "Key types allowed on the channel; the first is the default for keys that set none. "
          + "Defaults by protocol: REST and HTTP [Opaque, HMAC]; FTP, WebService and Email [Basic].")
  private List<KeyType> keyTypes;

  @JsonPropertyDescription("Prefix and length of generated credentials.")
  private KeyFormatSpec keyFormat;

  @Size(max = 256)
  @JsonPropertyDescription("IPv4/IPv6 CIDRs from which keys may be used, e.g. 10.0.0.0/8. Empty means any address.")
  private List<@Size(max = 64) @Pattern(Formats.CIDR) String> ipAllowlist;

  @JsonPropertyDescription(
      "Which namespaces may bind ApiKeys to this channel. Defaults to the channel's own "
          + "namespace only.")
  private AllowedNamespaces allowedNamespaces;

  @JsonPropertyDescription("Expiry, rotation and quota rules for the channel's keys.")
  private ChannelPolicy policy;

  @JsonPropertyDescription("A default key the channel keeps alive.")
  private DefaultKeySpec defaultKey;

  @JsonPropertyDescription("The keyring Secret with what an API provider needs to verify the channel's keys.")
  private KeyringSpec keyring;

  @JsonPropertyDescription("Short-lived signed access tokens for the channel's keys.")
  private TokenSpec token;

  public Protocol getProtocol() {
    return protocol;
  }

  public void setProtocol(Protocol protocol) {
    this.protocol = protocol;
  }

  public Boolean getActive() {
    return active;
  }

  public void setActive(Boolean active) {
    this.active = active;
  }

  public List<KeyType> getKeyTypes() {
    return keyTypes;
  }

  public void setKeyTypes(List<KeyType> keyTypes) {
    this.keyTypes = keyTypes;
  }

  public KeyFormatSpec getKeyFormat() {
    return keyFormat;
  }

  public void setKeyFormat(KeyFormatSpec keyFormat) {
    this.keyFormat = keyFormat;
  }

  public List<String> getIpAllowlist() {
    return ipAllowlist;
  }

  public void setIpAllowlist(List<String> ipAllowlist) {
    this.ipAllowlist = ipAllowlist;
  }

  public AllowedNamespaces getAllowedNamespaces() {
    return allowedNamespaces;
  }

  public void setAllowedNamespaces(AllowedNamespaces allowedNamespaces) {
    this.allowedNamespaces = allowedNamespaces;
  }

  public ChannelPolicy getPolicy() {
    return policy;
  }

  public void setPolicy(ChannelPolicy policy) {
    this.policy = policy;
  }

  public DefaultKeySpec getDefaultKey() {
    return defaultKey;
  }

  public void setDefaultKey(DefaultKeySpec defaultKey) {
    this.defaultKey = defaultKey;
  }

  public KeyringSpec getKeyring() {
    return keyring;
  }

  public void setKeyring(KeyringSpec keyring) {
    this.keyring = keyring;
  }

  public TokenSpec getToken() {
    return token;
  }

  public void setToken(TokenSpec token) {
    this.token = token;
  }
}
