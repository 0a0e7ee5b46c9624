package dev.keysmith.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keysmith.api.v1alpha1.KeyType;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CredentialTest {

  private static final String SIXTEEN = "abcdefghijklmnop";

  static Stream<Arguments> unusable() {
    return Stream.of(
        Arguments.of(KeyType.Opaque, Map.of(), "data key 'apiKey' is missing or empty"),
        Arguments.of(KeyType.Opaque, Map.of("apiKey", "short"), "data key 'apiKey' is shorter than 16 characters"),
        Arguments.of(
            KeyType.Opaque,
            Map.of("apiKey", "has space in it 1234"),
            "data key 'apiKey' must be printable ASCII without spaces"),
        Arguments.of(
            KeyType.Opaque, Map.of("apiKey", "x".repeat(513)), "data key 'apiKey' is longer than 512 characters"),
        Arguments.of(KeyType.Basic, Map.of("password", SIXTEEN), "data key 'username' is missing or empty"),
        Arguments.of(
            KeyType.Basic,
            Map.of("username", "a:b", "password", SIXTEEN),
            "data key 'username' must not contain ':'"),
        Arguments.of(
            KeyType.Basic,
            Map.of("username", "app", "password", "p".repeat(73)),
            "data key 'password' is longer than 72 bytes, the most bcrypt (htpasswd) can verify"),
        Arguments.of(KeyType.HMAC, Map.of("secret", SIXTEEN), "data key 'keyId' is missing or empty"),
        Arguments.of(
            KeyType.HMAC,
            Map.of("keyId", "k1", "secret", SIXTEEN, "algorithm", "md5"),
            "data key 'algorithm' must be hmac-sha256"));
  }

  @ParameterizedTest
  @MethodSource("unusable")
  void rejectsUnusableCredentialsNamingTheDataKeyButNotTheValue(
      KeyType type, Map<String, String> data, String message) {
    assertThatThrownBy(() -> Credential.read(type, data))
        .isInstanceOf(InvalidCredentialException.class)
        .hasMessage(message);
  }

  @Test
  void readsEachTypeFromItsDataKeys() throws Exception {
    assertThat(Credential.read(KeyType.Opaque, Map.of("apiKey", SIXTEEN, "other", "x")).values())
        .containsOnlyKeys("apiKey");
    assertThat(Credential.read(KeyType.Basic, Map.of("username", "app", "password", SIXTEEN)).values())
        .containsOnlyKeys("username", "password");
    assertThat(Credential.read(KeyType.HMAC, Map.of("keyId", "k1", "secret", SIXTEEN)).values())
        .containsEntry("algorithm", "hmac-sha256");
  }

  @Test
  void userSuppliedOpaqueKeyNotInKeysmithsFormatGetsAHashDerivedKeyId() throws Exception {
    Credential credential = Credential.read(KeyType.Opaque, Map.of("apiKey", SIXTEEN + SIXTEEN));
    assertThat(credential.keyId("pay")).isEqualTo("pay_" + credential.sha256().substring(0, 8));
  }

  @Test
  void hashesAndFingerprintAreOfTheSecretValue() throws Exception {
    Credential credential =
        Credential.read(KeyType.Basic, Map.of("username", "app", "password", SIXTEEN));
    // Expected value from: printf abcdefghijklmnop | sha256sum
    assertThat(credential.sha256())
        .isEqualTo("f39dac6cbaba535e2c207cd0cd8f154974223c848f727f98b3564cea569b41cf");
    assertThat(credential.fingerprint()).isEqualTo("sha256:f39dac6cbaba535e");
  }
}
