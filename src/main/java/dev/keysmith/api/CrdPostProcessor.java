package dev.keysmith.api;

import dev.keysmith.api.v1alpha1.ApiChannel;
import dev.keysmith.api.v1alpha1.ApiKey;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Runs while QOSDK generates the CRDs (configured in application.properties; never at run time).
 *
 * <p>The generator sorts printer columns by JSON path; {@code kubectl get} shows them in array
 * order, so this puts them back in the order the resource class declares them.
 */
public class CrdPostProcessor implements CRDPostProcessor {

  private static final Map<String, Class<?>> RESOURCES =
      Map.of(
          HasMetadata.getFullResourceName(ApiKey.class), ApiKey.class,
          HasMetadata.getFullResourceName(ApiChannel.class), ApiChannel.class);

  @Override
  public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
    Class<?> resource = RESOURCES.get(crd.getMetadata().getName());
    if (resource == null || !(crd instanceof CustomResourceDefinition definition)) {
      return crd;
    }
    List<String> declared =
        List.of(resource.getAnnotationsByType(AdditionalPrinterColumn.class)).stream()
            .map(AdditionalPrinterColumn::name)
            .toList();
    definition
        .getSpec()
        .getVersions()
        .forEach(
            version ->
                version
                    .getAdditionalPrinterColumns()
                    .sort(
                        Comparator.comparingInt(
                            (CustomResourceColumnDefinition c) -> declared.indexOf(c.getName()))));
    return crd;
  }
}
