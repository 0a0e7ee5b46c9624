package dev.keysmith.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.keysmith.testing.CrdValidator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example is accepted by the CRDs' schema and CEL rules; the CEL rules reject what they must. */
class ExamplesSchemaTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static Stream<Examples.Document> keysmithObjects() {
    return Examples.all().stream().filter(d -> d.kind().equals("ApiKey") || d.kind().equals("ApiChannel"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keysmithObjects")
  void everyExampleIsValid(Examples.Document document) {
    assertThat(CrdValidator.forKind(document.kind()).validate(document.object())).isEmpty();
  }

  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ApiKey     | {channelRef: {name: a}, expiresAt: '2030-01-01T00:00:00Z', validFor: 1h} | .spec: expiresAt and validFor are mutually exclusive",
        "ApiKey     | {channelRef: {name: a}, validFor: 500ms}                                 | .spec.validFor: must be at least 1s",
        "ApiKey     | {channelRef: {name: a}, validFor: 3 days}                               | does not match the regex pattern",
        "ApiKey     | {channelRef: {name: a}, rotation: {every: 1h, schedule: '0 3 * * *'}}  | .spec.rotation: every and schedule are mutually exclusive",
        "ApiKey     | {channelRef: {name: a}, rotation: {every: 9s}}                          | .spec.rotation.every: must be at least 10s",
        "ApiKey     | {channelRef: {name: a}, rotation: {every: 1h, timeZone: UTC}}          | .spec.rotation: timeZone applies only to schedule",
        "ApiKey     | {channelRef: {name: a}, secretName: s, credentials: {existingSecretRef: {name: s}}} | .spec: secretName must differ from credentials.existingSecretRef.name",
        "ApiKey     | {channelRef: {name: a}, type: Foo}                                      | does not have a value in the enumeration",
        "ApiKey     | {channelRef: {}}                                                        | required property 'name' not found",
        "ApiKey     | {channelRef: {name: a}, ipAllowlist: [10.0.0.1]}                        | does not match the regex pattern",
        "ApiChannel | {protocol: REST, allowedNamespaces: {from: Selector}}                  | .spec.allowedNamespaces: selector is required when from is Selector",
        "ApiChannel | {protocol: REST, allowedNamespaces: {selector: {matchLabels: {a: b}}}} | .spec.allowedNamespaces: selector applies only when from is Selector",
        "ApiChannel | {protocol: REST, policy: {defaultValidity: 48h, maxValidity: 24h}}     | .spec.policy: defaultValidity must not exceed maxValidity",
        "ApiChannel | {protocol: REST, token: {ttl: 1m}}                                      | .spec.token.ttl: must be between 5m and 24h",
        "ApiChannel | {protocol: REST, keyFormat: {length: 12}}                               | must have a minimum value of 22",
        "ApiChannel | {protocol: REST, keyFormat: {prefix: Pay}}                              | does not match the regex pattern",
        "ApiChannel | {protocol: GOPHER}                                                      | does not have a value in the enumeration",
      })
  void admissionRejects(String kind, String spec, String expected) throws Exception {
    JsonNode object = YAML.readTree("{apiVersion: keysmith.dev/v1alpha1, kind: " + kind + ", metadata: {name: x}, spec: " + spec + "}");
    List<String> problems = CrdValidator.forKind(kind).validate(object);
    assertThat(problems).anySatisfy(p -> assertThat(p).contains(expected));
  }
}
