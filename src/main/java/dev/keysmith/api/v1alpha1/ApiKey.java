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

/** A named credential for one consumer of an {@link ApiChannel}. */
@Group(ApiKey.GROUP)
@Version(ApiKey.VERSION)
@ShortNames("ak")
@Categories("keysmith")
@AdditionalPrinterColumn(name = "TYPE", jsonPath = ".status.type")
@AdditionalPrinterColumn(name = "CHANNEL", jsonPath = ".spec.channelRef.name")
@AdditionalPrinterColumn(name = "PHASE", jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "READY", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "SECRET", jsonPath = ".status.secretName")
@AdditionalPrinterColumn(name = "EXPIRES", jsonPath = ".status.expiresAt")
@AdditionalPrinterColumn(name = "NEXT-ROTATION", jsonPath = ".status.nextRotationAt")
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class ApiKey extends CustomResource<ApiKeySpec, ApiKeyStatus> implements Namespaced {

  public static final String GROUP = "keysmith.dev";
  public static final String VERSION = "v1alpha1";

  @Override
  @Required
  @JsonPropertyDescription("Desired state of the key. Keysmith never writes it.")
  public ApiKeySpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonDeserialize(using = Lenient.KeySpec.class)
  public void setSpec(ApiKeySpec spec) {
    super.setSpec(spec);
  }

  @Override
  @JsonDeserialize(using = Lenient.KeyStatus.class)
  public void setStatus(ApiKeyStatus status) {
    super.setStatus(status);
  }

  @Override
  @JsonPropertyDescription("Observed state of the key, written by Keysmith. Never holds key material.")
  public ApiKeyStatus getStatus() {
    return super.getStatus();
  }
}
