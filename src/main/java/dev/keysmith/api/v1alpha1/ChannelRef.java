package dev.keysmith.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A reference to the ApiChannel an ApiKey belongs to. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ChannelRef {

  @Required
  @Size(max = 253)
  @Pattern(Formats.DNS_SUBDOMAIN)
  @JsonPropertyDescription("Name of the ApiChannel.")
  private String name;

  @Size(max = 63)
  @Pattern(Formats.DNS_LABEL)
  @JsonPropertyDescription(
      "Namespace of the ApiChannel. Defaults to the ApiKey's namespace. A channel in another"
          + " namespace must allow this key's namespace in spec.allowedNamespaces.")
  private String namespace;

  public ChannelRef() {}

  public ChannelRef(String name, String namespace) {
    this.name = name;
    this.namespace = namespace;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }
}
