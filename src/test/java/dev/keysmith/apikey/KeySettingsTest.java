package dev.keysmith.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keysmith.api.v1alpha1.DeletionPolicy;
import dev.keysmith.testing.Fixtures;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeySettingsTest {

  @Test
  void appliesDefaults() {
    KeySettings settings =
        KeySettings.resolve(Fixtures.key("billing", "nightly", "channelRef: {name: payments}"))
            .settings()
            .orElseThrow();

    assertThat(settings.channelReference()).isEqualTo("billing/payments");
    assertThat(settings.secretName()).isEqualTo("nightly-credentials");
    assertThat(settings.deletionPolicy()).isEqualTo(DeletionPolicy.Delete);
    assertThat(settings.type()).isEmpty();
    assertThat(settings.rotation()).isEmpty();
  }

  @Test
  void readsEveryField() {
    KeySettings settings =
        KeySettings.resolve(
                Fixtures.key("billing", "nightly", """
                    channelRef: {name: payments, namespace: payments}
                    type: HMAC
                    secretName: my-secret
                    secretTemplate: {labels: {team: billing}, annotations: {note: hi}}
                    validFor: 2160h
                    rotation: {schedule: "0 3 * * MON", timeZone: Europe/Berlin, gracePeriod: 24h}
                    ipAllowlist: [10.1.0.0/16, "2001:db8::/48"]
                    deletionPolicy: Retain
                    """))
            .settings()
            .orElseThrow();

    assertThat(settings.channelReference()).isEqualTo("payments/payments");
    assertThat(settings.secretName()).isEqualTo("my-secret");
    assertThat(settings.templateLabels()).containsEntry("team", "billing");
    assertThat(settings.validFor()).contains(Duration.ofHours(2160));
    assertThat(settings.rotation().orElseThrow().gracePeriod()).isEqualTo(Duration.ofHours(24));
    assertThat(settings.ipAllowlist()).hasSize(2);
    assertThat(settings.rotationRequest()).isEmpty();
    assertThat(settings.deletionPolicy()).isEqualTo(DeletionPolicy.Retain);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "channelRef: {}                                                   | spec.channelRef.name: is required",
        "channelRef: {name: Payments}                                     | spec.channelRef.name: \"Payments\" is not a valid resource name",
        "channelRef: {name: p, namespace: 'a_b'}                          | spec.channelRef.namespace: \"a_b\" is not a valid namespace name",
        "{channelRef: {name: p}, secretName: 'Bad_Name'}                 | spec.secretName: \"Bad_Name\" is not a valid Secret name",
        "{channelRef: {name: p}, expiresAt: 'next tuesday'}               | spec.expiresAt: \"next tuesday\" is not an RFC 3339 timestamp",
        "{channelRef: {name: p}, validFor: '3 days'}                      | spec.validFor: \"3 days\" is not a duration",
        "{channelRef: {name: p}, validFor: 500ms}                         | spec.validFor: \"500ms\" must be at least 1s",
        "{channelRef: {name: p}, validFor: 1h, expiresAt: '2030-01-01T00:00:00Z'} | spec.validFor: must not be set together with spec.expiresAt",
        "{channelRef: {name: p}, rotation: {every: 5s}}                   | spec.rotation.every: \"5s\" must be at least 10s",
        "{channelRef: {name: p}, rotation: {every: 1h, schedule: '0 3 * * *'}} | spec.rotation: every and schedule are mutually exclusive",
        "{channelRef: {name: p}, rotation: {schedule: '61 3 * * *'}}      | spec.rotation.schedule: \"61 3 * * *\" is not a valid cron expression",
        "{channelRef: {name: p}, rotation: {schedule: '0 3 * *'}}         | spec.rotation.schedule: \"0 3 * *\" is not a 5-field cron expression",
        "{channelRef: {name: p}, rotation: {schedule: '0 3 * * *', timeZone: Mars/Olympus}} | spec.rotation.timeZone: \"Mars/Olympus\" is not an IANA time zone",
        "{channelRef: {name: p}, rotation: {every: 1h, timeZone: UTC}}    | spec.rotation.timeZone: applies only to schedule",
        "{channelRef: {name: p}, rotation: {gracePeriod: soon}}           | spec.rotation.gracePeriod: \"soon\" is not a duration",
        "{channelRef: {name: p}, ipAllowlist: [10.0.0.0/8, 10.0.0.1]}    | spec.ipAllowlist[1]: \"10.0.0.1\" is not a CIDR",
        "{channelRef: {name: p}, ipAllowlist: ['10.1.2.3/8']}            | spec.ipAllowlist[0]: \"10.1.2.3/8\" has host bits set",
        "{channelRef: {name: p}, secretTemplate: {labels: {'bad key!': x}}} | spec.secretTemplate.labels: \"bad key!\" is not a valid label key",
        "{channelRef: {name: p}, secretTemplate: {labels: {team: 'a b'}}} | spec.secretTemplate.labels[team]: \"a b\" is not a valid label value",
        "{channelRef: {name: p}, secretTemplate: {labels: {'argocd.argoproj.io/instance': x}}} | spec.secretTemplate.labels: \"argocd.argoproj.io/instance\" is reserved",
        "{channelRef: {name: p}, secretTemplate: {annotations: {'keysmith.dev/revision': '9'}}} | spec.secretTemplate.annotations: \"keysmith.dev/revision\" is reserved",
        "{channelRef: {name: p}, credentials: {existingSecretRef: {name: nightly-credentials}}} | spec.credentials.existingSecretRef.name: \"nightly-credentials\" must differ",
        "{channelRef: {name: p}, credentials: {existingSecretRef: {name: mine}}, rotation: {every: 1h}} | spec.rotation: must not schedule rotations for user-supplied credentials",
      })
  void reportsEachInvalidFieldByPath(String spec, String expectedStart) {
    var resolution = KeySettings.resolve(Fixtures.key("billing", "nightly", spec));

    assertThat(resolution.settings()).isEmpty();
    assertThat(resolution.problems()).anySatisfy(p -> assertThat(p).startsWith(expectedStart));
  }

  @Test
  void readsUserSuppliedCredentialsWithAGracePeriodForTheirChanges() {
    KeySettings settings =
        KeySettings.resolve(Fixtures.key("billing", "nightly",
                "{channelRef: {name: p}, credentials: {existingSecretRef: {name: mine}}, rotation: {gracePeriod: 1h}}"))
            .settings()
            .orElseThrow();
    assertThat(settings.existingSecretName()).contains("mine");
    assertThat(settings.rotation().orElseThrow().gracePeriod()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void reportsEveryProblemNotJustTheFirst() {
    var resolution =
        KeySettings.resolve(
            Fixtures.key("billing", "nightly", "{channelRef: {name: p}, validFor: x, rotation: {every: y}}"));
    assertThat(resolution.problems()).hasSize(2);
  }
}
