package dev.keysmith.apichannel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keysmith.api.v1alpha1.KeyType;
import dev.keysmith.testing.Fixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChannelSettingsTest {

  private static ChannelSettings settings(String spec) {
    return ChannelSettings.resolve(Fixtures.channel("payments", "pay", spec)).settings().orElseThrow();
  }

  @ParameterizedTest
  @CsvSource({
    "REST, Opaque|HMAC, rest",
    "HTTP, Opaque|HMAC, http",
    "FTP, Basic, ftp",
    "WebService, Basic, webservice",
    "Email, Basic, email"
  })
  void defaultsFollowTheProtocol(String protocol, String types, String prefix) {
    ChannelSettings settings = settings("protocol: " + protocol);

    assertThat(settings.keyTypes()).containsExactlyElementsOf(
        java.util.Arrays.stream(types.split("\\|")).map(KeyType::valueOf).toList());
    assertThat(settings.keyFormat().prefix()).isEqualTo(prefix);
    assertThat(settings.keyFormat().length()).isEqualTo(32);
    assertThat(settings.active()).isTrue();
    assertThat(settings.keyringSecretName()).isEqualTo("pay-keyring");
    assertThat(settings.token().ttl()).isEqualTo(Duration.ofHours(1));
    assertThat(settings.token().audience()).isEqualTo("payments/pay");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{protocol: REST, keyTypes: []}                                | spec.keyTypes: must list at least one key type",
        "{protocol: REST, keyTypes: [Opaque, Opaque]}                  | spec.keyTypes: must not list a key type twice",
        "{protocol: REST, keyFormat: {prefix: Pay}}                    | spec.keyFormat.prefix: \"Pay\" must be a lower-case letter",
        "{protocol: REST, keyFormat: {prefix: averyveryverylongprefix}} | spec.keyFormat.prefix: \"averyveryverylongprefix\"",
        "{protocol: REST, keyFormat: {length: 16}}                     | spec.keyFormat.length: must be between 22 and 128, not 16",
        "{protocol: REST, ipAllowlist: ['300.0.0.0/8']}                | spec.ipAllowlist[0]: \"300.0.0.0/8\" is not a CIDR",
        "{protocol: REST, allowedNamespaces: {from: Selector}}         | spec.allowedNamespaces.selector: is required when from is Selector",
        "{protocol: REST, allowedNamespaces: {from: All, selector: {matchLabels: {a: b}}}} | spec.allowedNamespaces.selector: applies only when from is Selector",
        "{protocol: REST, allowedNamespaces: {from: Selector, selector: {matchExpressions: [{key: team, operator: Near}]}}} | spec.allowedNamespaces.selector.matchExpressions[0].operator: \"Near\"",
        "{protocol: REST, allowedNamespaces: {from: Selector, selector: {matchExpressions: [{key: team, operator: In}]}}} | spec.allowedNamespaces.selector.matchExpressions[0].values: must not be empty",
        "{protocol: REST, policy: {defaultValidity: 48h, maxValidity: 24h}} | spec.policy.defaultValidity: \"48h\" exceeds spec.policy.maxValidity",
        "{protocol: REST, policy: {rotation: {every: 1s}}}             | spec.policy.rotation.every: \"1s\" must be at least 10s",
        "{protocol: REST, policy: {maxKeys: 0}}                        | spec.policy.maxKeys: must be at least 1",
        "{protocol: REST, token: {ttl: 1m}}                            | spec.token.ttl: \"1m\" must be between 5m and 24h",
        "{protocol: REST, token: {ttl: 25h}}                           | spec.token.ttl: \"25h\" must be between 5m and 24h",
        "{protocol: REST, keyring: {secretName: 'Key Ring'}}           | spec.keyring.secretName: \"Key Ring\" is not a valid Secret name",
      })
  void reportsEachInvalidFieldByPath(String spec, String expectedStart) {
    var resolution = ChannelSettings.resolve(Fixtures.channel("payments", "pay", spec));

    assertThat(resolution.isValid()).isFalse();
    assertThat(resolution.problems()).anySatisfy(p -> assertThat(p).startsWith(expectedStart));
  }

  @Test
  void namespaceAccessModes() {
    Map<String, String> team = Map.of("team", "payments-clients");
    ChannelSettings same = settings("protocol: REST");
    ChannelSettings all = settings("{protocol: REST, allowedNamespaces: {from: All}}");
    ChannelSettings selector =
        settings("{protocol: REST, allowedNamespaces: {from: Selector, selector: {matchLabels: {team: payments-clients}}}}");
    ChannelSettings expressions =
        settings("{protocol: REST, allowedNamespaces: {from: Selector, selector: {matchExpressions: [{key: team, operator: NotIn, values: [x]}, {key: tier, operator: DoesNotExist}]}}}");

    assertThat(same.namespaceAccess().allows("payments", "payments", Map.of())).isTrue();
    assertThat(same.namespaceAccess().allows("payments", "billing", team)).isFalse();
    assertThat(all.namespaceAccess().allows("payments", "billing", Map.of())).isTrue();
    assertThat(selector.namespaceAccess().allows("payments", "billing", team)).isTrue();
    assertThat(selector.namespaceAccess().allows("payments", "billing", Map.of("team", "other"))).isFalse();
    assertThat(selector.namespaceAccess().allows("payments", "billing", null)).isFalse();
    assertThat(expressions.namespaceAccess().allows("payments", "billing", team)).isTrue();
    assertThat(expressions.namespaceAccess().allows("payments", "billing", Map.of("team", "x"))).isFalse();
    assertThat(expressions.namespaceAccess().allows("payments", "billing", Map.of("tier", "1"))).isFalse();
  }

  @Test
  void readsPolicy() {
    ChannelSettings settings =
        settings("{protocol: FTP, keyTypes: [Basic], policy: {requireExpiry: true, defaultValidity: 24h, maxValidity: 48h, maxKeys: 5, rotation: {every: 720h, gracePeriod: 1h}}}");
    assertThat(settings.keyTypes()).isEqualTo(List.of(KeyType.Basic));
    assertThat(settings.requireExpiry()).isTrue();
    assertThat(settings.defaultValidity()).contains(Duration.ofHours(24));
    assertThat(settings.maxValidity()).contains(Duration.ofHours(48));
    assertThat(settings.maxKeys()).hasValue(5);
    assertThat(settings.rotation().orElseThrow().gracePeriod()).isEqualTo(Duration.ofHours(1));
  }
}
