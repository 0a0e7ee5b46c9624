package dev.keysmith.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keysmith.api.v1alpha1.ApiChannel;
import dev.keysmith.api.v1alpha1.KeyPhase;
import dev.keysmith.testing.Fixtures;
import dev.keysmith.testing.KubernetesApi;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Applied as they are, every example reaches the phase it is meant to reach. */
@QuarkusTest
@QuarkusTestResource(KubernetesApi.class)
class ExamplesPhaseTest {

  /** Every ApiKey the examples declare or cause (the default key), by namespace/name. */
  private static final Map<String, KeyPhase> EXPECTED = Map.of(
      "payments/settlement-job", KeyPhase.Active,
      "payments/merchant-notifier", KeyPhase.Active,
      "payments/legacy-client", KeyPhase.Active,
      "payments/demo-visitor", KeyPhase.Active,
      "partners/acme-upload", KeyPhase.Active,
      "partners/mail-relay-default", KeyPhase.Active,
      "partners/globex-integration", KeyPhase.Active,
      "billing/billing-to-payments", KeyPhase.Active);

  private final KubernetesClient client = KubernetesApi.client();
  private final Fixtures fixtures = new Fixtures(client);

  @Test
  void everyExampleReachesItsPhaseAndEveryChannelIsReady() {
    for (Examples.Document document : Examples.all()) {
      GenericKubernetesResource object =
          client.getKubernetesSerialization().convertValue(Examples.asStored(document.object()), GenericKubernetesResource.class);
      client.resource(object).create();
    }

    EXPECTED.forEach((reference, phase) -> {
      String[] parts = reference.split("/");
      assertThat(fixtures.awaitPhase(parts[0], parts[1], phase).getStatus().getPhase()).as(reference).isEqualTo(phase);
    });
    List<String> channels = Examples.all().stream().filter(d -> d.kind().equals("ApiChannel"))
        .map(d -> d.namespace() + "/" + d.name()).toList();
    assertThat(channels).hasSize(6);
    for (String reference : channels) {
      String[] parts = reference.split("/");
      Fixtures.waiting().until(
          () -> client.resources(ApiChannel.class).inNamespace(parts[0]).withName(parts[1]).get(),
          c -> c.getStatus() != null && c.getStatus().getConditions() != null
              && c.getStatus().getConditions().stream().anyMatch(x -> x.getType().equals("Ready") && x.getStatus().equals("True")));
    }
  }
}
