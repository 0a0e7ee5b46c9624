package dev.keysmith.apichannel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keysmith.api.v1alpha1.KeyType;
import dev.keysmith.credentials.Bcrypt;
import dev.keysmith.credentials.Credential;
import dev.keysmith.credentials.CredentialGenerator;
import dev.keysmith.credentials.KeyFormat;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyringTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");
  private static final CredentialGenerator GENERATOR = new CredentialGenerator(new SecureRandom());
  private static final Bcrypt BCRYPT = new Bcrypt(new SecureRandom(), 4);
  private static final Function<KeyringEntry, String> BCRYPT_LINE =
      e -> Bcrypt.line(e.credential().username().orElseThrow(),
          BCRYPT.hash(e.credential().values().get("password").getBytes(StandardCharsets.UTF_8)));

  @Test
  void listsEachTypeWithWhatAVerifierNeeds() throws Exception {
    Credential opaque = GENERATOR.generate(KeyType.Opaque, new KeyFormat("pay", 32));
    Credential basic = GENERATOR.generate(KeyType.Basic, new KeyFormat("pay", 32));
    Credential hmac = GENERATOR.generate(KeyType.HMAC, new KeyFormat("pay", 32));
    List<KeyringEntry> entries = List.of(
        entry("ns/a", opaque, 0, KeyringEntry.State.current),
        entry("ns/b", basic, 1, KeyringEntry.State.current),
        entry("ns/c", hmac, 2, KeyringEntry.State.grace));

    Keyring.Rendered rendered = Keyring.render("ns/pay", 7, entries, BCRYPT_LINE, Map.of(), Keyring.SECRET_DATA_LIMIT);
    JsonNode keys = JSON.readTree(rendered.data().get("keys.json"));

    assertThat(keys.get("channel").asText()).isEqualTo("ns/pay");
    assertThat(keys.get("revision").asLong()).isEqualTo(7);
    assertThat(keys.get("keys")).hasSize(3);
    JsonNode a = keys.get("keys").get(0);
    assertThat(fieldNames(a)).containsExactly("keyId", "apiKey", "type", "sha256", "notAfter", "ipAllowlist", "state");
    assertThat(a.get("sha256").asText()).isEqualTo(opaque.sha256());
    JsonNode b = keys.get("keys").get(1);
    assertThat(b.get("username").asText()).isEqualTo(basic.username().orElseThrow());
    JsonNode c = keys.get("keys").get(2);
    assertThat(c.get("hmacSecret").asText().equals(hmac.values().get("secret"))).isTrue();
    assertThat(c.get("state").asText()).isEqualTo("grace");

    String line = rendered.data().get("auth").strip();
    assertThat(rendered.data().get("users")).isEqualTo(rendered.data().get("auth"));
    assertThat(Bcrypt.matches(line.substring(line.indexOf(':') + 1),
        basic.values().get("password").getBytes(StandardCharsets.UTF_8))).isTrue();
    String everything = String.join("\n", rendered.data().values());
    assertThat(everything.contains(opaque.values().get("apiKey"))).isFalse();
    assertThat(everything.contains(basic.values().get("password"))).isFalse();
  }

  @Test
  void contentHashIgnoresTheRevisionButNotTheContent() {
    List<KeyringEntry> one = List.of(entry("ns/a", GENERATOR.generate(KeyType.Opaque, new KeyFormat("pay", 32)), 0, KeyringEntry.State.current));
    Keyring.Rendered r1 = Keyring.render("ns/pay", 1, one, BCRYPT_LINE, Map.of(), Keyring.SECRET_DATA_LIMIT);
    Keyring.Rendered r2 = Keyring.render("ns/pay", 2, one, BCRYPT_LINE, Map.of(), Keyring.SECRET_DATA_LIMIT);
    Keyring.Rendered r3 = Keyring.render("ns/pay", 2, List.of(), BCRYPT_LINE, Map.of(), Keyring.SECRET_DATA_LIMIT);

    assertThat(r1.contentHash()).isEqualTo(r2.contentHash()).isNotEqualTo(r3.contentHash());
  }

  @Test
  void whenFullTheNewestKeysAreLeftOutAndNamed() {
    List<KeyringEntry> entries = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      entries.add(entry("ns/k" + i, GENERATOR.generate(KeyType.Opaque, new KeyFormat("pay", 32)), i, KeyringEntry.State.current));
    }
    Keyring.Rendered rendered = Keyring.render("ns/pay", 1, entries, BCRYPT_LINE, Map.of(), 1_500);

    assertThat(rendered.entries()).isBetween(1, 9);
    assertThat(rendered.leftOut()).hasSize(10 - rendered.entries());
    assertThat(rendered.leftOut()).last().isEqualTo("ns/k9");
    assertThat(rendered.leftOut()).doesNotContain("ns/k0");
    assertThat(totalBytes(rendered)).isLessThanOrEqualTo(1_500);
  }

  /**
   * How many keys one 1 MiB keyring Secret holds, with realistic names (namespace of 12, key name
   * of 20 characters, prefix "pay"): the figures the README states are at or below these.
   */
  @ParameterizedTest
  @CsvSource({"Opaque, 4000", "HMAC, 3000", "Basic, 2500"})
  void aOneMebibyteSecretHoldsThousandsOfKeys(KeyType type, int stated) {
    List<KeyringEntry> entries = new ArrayList<>();
    for (int i = 0; i < stated + 2000; i++) {
      entries.add(entry("payments-api/billing-service-" + String.format("%06d", i),
          GENERATOR.generate(type, new KeyFormat("pay", 32)), i, KeyringEntry.State.current));
    }
    Keyring.Rendered rendered = Keyring.render("payments-api/payments-rest", 1, entries,
        e -> Bcrypt.line(e.credential().username().orElseThrow(), "$2y$05$" + "x".repeat(53)), Map.of(),
        Keyring.SECRET_DATA_LIMIT);

    assertThat(rendered.entries()).isGreaterThanOrEqualTo(stated);
    assertThat(totalBytes(rendered)).isLessThanOrEqualTo(Keyring.SECRET_DATA_LIMIT);
  }

  private static int totalBytes(Keyring.Rendered rendered) {
    return rendered.data().values().stream().mapToInt(v -> v.getBytes(StandardCharsets.UTF_8).length).sum();
  }

  private static KeyringEntry entry(String apiKey, Credential credential, int age, KeyringEntry.State state) {
    return new KeyringEntry(credential.keyId("pay"), apiKey, credential, Optional.empty(), List.of(), state, T0.plusSeconds(age));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
