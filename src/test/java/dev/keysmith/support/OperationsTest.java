package dev.keysmith.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keysmith.api.v1alpha1.ApiKey;
import dev.keysmith.api.v1alpha1.KeyPhase;
import dev.keysmith.testing.Fixtures;
import dev.keysmith.testing.KubernetesApi;
import io.fabric8.kubernetes.api.model.Event;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What operators see of Keysmith: metrics at /q/metrics, and events that cannot flood. */
@QuarkusTest
@QuarkusTestResource(KubernetesApi.class)
class OperationsTest {

  @TestHTTPResource("/q/metrics")
  URL metrics;

  private final Fixtures fixtures = new Fixtures(KubernetesApi.client());

  @Test
  void exposesKeyMetricsInCertManagersShape() throws Exception {
    String ns = fixtures.namespace("metrics");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST}"));
    fixtures.create(Fixtures.key(ns, "scheduled", "{channelRef: {name: api}, validFor: 720h, rotation: {every: 24h}}"));
    fixtures.create(Fixtures.key(ns, "broken", "{channelRef: {name: api}, validFor: soon}"));
    ApiKey scheduled = fixtures.awaitPhase(ns, "scheduled", KeyPhase.Active);
    fixtures.awaitPhase(ns, "broken", KeyPhase.Failed);
    fixtures.edit(ns, "scheduled", k -> k.getSpec().setRotationRequest("now"));
    ApiKey rotated = fixtures.awaitKey(ns, "scheduled", k -> Long.valueOf(2).equals(k.getStatus().getRevision()));

    String labels = "channel=\"api\",name=\"scheduled\",namespace=\"" + ns + "\"";
    String text = Fixtures.waiting().until(this::scrape,
        t -> value(t, "keysmith_apikey_next_rotation_timestamp_seconds{" + labels + "}")
            == Instant.parse(rotated.getStatus().getNextRotationAt()).getEpochSecond());

    assertThat(value(text, "keysmith_apikey_expiry_timestamp_seconds{" + labels + "}"))
        .isEqualTo(Instant.parse(scheduled.getStatus().getExpiresAt()).getEpochSecond());
    assertThat(value(text, "keysmith_apikey_ready{" + labels + "}")).isEqualTo(1.0);
    assertThat(value(text, "keysmith_apikey_ready{channel=\"api\",name=\"broken\",namespace=\"" + ns + "\"}")).isEqualTo(0.0);
    assertThat(text).doesNotContain("keysmith_apikey_expiry_timestamp_seconds{channel=\"api\",name=\"broken\"");
    assertThat(value(text, "keysmith_rotations_total{" + labels + ",trigger=\"request\"}")).isEqualTo(1.0);
    assertThat(value(text, "keysmith_apikeys{phase=\"Active\"}")).isGreaterThanOrEqualTo(1.0);
    assertThat(value(text, "keysmith_apikeys{phase=\"Failed\"}")).isGreaterThanOrEqualTo(1.0);
    // The operator SDK's own reconciliation metrics are there too.
    assertThat(text).containsPattern("(?m)^operator_sdk_\\w+");
  }

  @Test
  void aFlappingKeyCannotFloodTheApiServerWithEvents() {
    String ns = fixtures.namespace("flapping");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST}"));
    fixtures.create(Fixtures.key(ns, "k", "channelRef: {name: api}"));
    fixtures.awaitPhase(ns, "k", KeyPhase.Active);
    String eventsPath = "/api/v1/namespaces/" + ns + "/events";
    int flaps = 60;

    for (int i = 0; i < flaps; i++) {
      String bad = i % 2 == 0 ? "first bad value" : "second bad value";
      fixtures.edit(ns, "k", k -> k.getSpec().setValidFor(bad));
      fixtures.awaitKey(ns, "k", k -> k.getStatus().getConditions().stream().anyMatch(c -> c.getMessage().contains(bad)));
    }
    fixtures.awaitAllStable(ns);

    int writes = KubernetesApi.requestsUnder("POST", eventsPath) + KubernetesApi.requestsUnder("PATCH", eventsPath);
    List<Event> invalid = KubernetesApi.client().v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> "InvalidSpec".equals(e.getReason())).toList();
    // At most a burst of 25 event writes per object (plus the Issued event of the start).
    assertThat(writes).isLessThanOrEqualTo(26);
    // Repeats of one message are aggregated into one Event with a count, as kubectl shows them.
    assertThat(invalid).hasSize(2);
    assertThat(invalid.stream().mapToInt(Event::getCount).sum()).isBetween(2, 25);
  }

  private String scrape() {
    try {
      return HttpClient.newHttpClient()
          .send(HttpRequest.newBuilder(URI.create(metrics.toString())).build(), HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The value of one series in Prometheus text format; NaN when absent. */
  private static double value(String text, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }
}
