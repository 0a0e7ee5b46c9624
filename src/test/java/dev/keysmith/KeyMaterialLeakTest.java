package dev.keysmith;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keysmith.api.v1alpha1.ApiChannel;
import dev.keysmith.api.v1alpha1.ApiKey;
import dev.keysmith.api.v1alpha1.KeyPhase;
import dev.keysmith.testing.CredentialLedger;
import dev.keysmith.testing.Fixtures;
import dev.keysmith.testing.KubernetesApi;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after the other tests of the application and searches everything the operator wrote besides
 * Secrets (its log file, every Event, every ApiKey and ApiChannel with its status) for every secret
 * value that appeared in a Secret during the whole run.
 */
@QuarkusTest
@QuarkusTestResource(KubernetesApi.class)
@Order(Integer.MAX_VALUE)
class KeyMaterialLeakTest {

  private final KubernetesClient client = KubernetesApi.client();
  private final Fixtures fixtures = new Fixtures(client);

  @Test
  void noIssuedCredentialAppearsInLogsEventsOrStatus() throws IOException {
    // Make sure every type and every destructive path ran at least once, whatever ran before.
    String ns = fixtures.namespace("leak");
    fixtures.create(Fixtures.channel(ns, "rest", "{protocol: REST}"));
    fixtures.create(Fixtures.channel(ns, "ftp", "{protocol: FTP}"));
    fixtures.create(Fixtures.key(ns, "opaque", "channelRef: {name: rest}"));
    fixtures.create(Fixtures.key(ns, "hmac", "{channelRef: {name: rest}, type: HMAC}"));
    fixtures.create(Fixtures.key(ns, "basic", "channelRef: {name: ftp}"));
    fixtures.awaitPhase(ns, "opaque", KeyPhase.Active);
    fixtures.awaitPhase(ns, "hmac", KeyPhase.Active);
    fixtures.awaitPhase(ns, "basic", KeyPhase.Active);
    fixtures.edit(ns, "opaque", k -> k.getSpec().setRevoked(true));
    fixtures.awaitPhase(ns, "opaque", KeyPhase.Revoked);

    Set<String> credentials = CredentialLedger.values();
    String log = Files.readString(Path.of("target/quarkus-test.log"));
    String events = client.getKubernetesSerialization().asJson(client.v1().events().inAnyNamespace().list());
    String resources =
        client.getKubernetesSerialization().asJson(client.resources(ApiKey.class).inAnyNamespace().list())
            + client.getKubernetesSerialization().asJson(client.resources(ApiChannel.class).inAnyNamespace().list());

    assertThat(credentials.size()).as("credentials seen during the run").isGreaterThanOrEqualTo(3);
    assertThat(log).as("the operator's log file").contains("issued credential revision");
    long leaks = credentials.stream()
        .filter(c -> log.contains(c) || events.contains(c) || resources.contains(c))
        .count();
    assertThat(leaks).as("credentials found in logs, events or resources").isZero();
  }
}
