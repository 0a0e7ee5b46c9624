package dev.keysmith.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** An API surface (REST, HTTP, FTP, Web Service or Email) with its key policy and allowlist. */
@Group(ApiKey.GROUP)
@Version(ApiKey.VERSION)
@ShortNames("ach")
@Categories("keysmith")
@AdditionalPrinterColumn(name = "PROTOCOL", jsonPath = ".spec.protocol")
@AdditionalPrinterColumn(name = "ACTIVE", jsonPath = ".status.conditions[?(@.type==\"Active\")].status")
@AdditionalPrinterColumn(name = "KEYS", jsonPath = ".status.keys.active", type = Type.INTEGER)
@AdditionalPrinterColumn(name = "READY", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class ApiChannel extends CustomResource<ApiChannelSpec, ApiChannelStatus>
    implements Namespaced {

  @Override
  @Required
  @JsonPropertyDescription("Desired state of the channel. Keysmith never writes it.")
  public ApiChannelSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonDeserialize(using = Lenient.ChannelSpec.class)
  public void setSpec(ApiChannelSpec spec) {
    super.setSpec(spec);
  }

  @Override
  @JsonDeserialize(using = Lenient.ChannelStatus.class)
  public void setStatus(ApiChannelStatus status) {
    super.setStatus(status);
  }

  @Override
  @JsonPropertyDescription("Observed state of the channel, written by Keysmith.")
  public ApiChannelStatus getStatus() {
    return super.getStatus();
  }
}
