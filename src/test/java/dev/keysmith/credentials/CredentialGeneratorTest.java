package dev.keysmith.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keysmith.api.v1alpha1.KeyType;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Generated credentials are never printed: assertions run on summaries, so a failing test shows
 * shapes and counts, not key material.
 */
class CredentialGeneratorTest {

  private final CredentialGenerator generator =
      new CredentialGenerator(CredentialGenerator.bouncyCastleDrbg());

  @ParameterizedTest
  @ValueSource(ints = {22, 32, 64, 128})
  void opaqueKeysHavePrefixBase62RandomPartAndValidChecksum(int length) {
    String key = generator.generate(KeyType.Opaque, new KeyFormat("pay", length)).values().get("apiKey");

    assertThat(shape(key)).isEqualTo("prefix=pay random=" + length + " base62=true checksum=valid");
  }

  @Test
  void randomPartCarriesAtLeast128Bits() {
    assertThat(KeyFormat.MIN_LENGTH * Base62.BITS_PER_CHAR).isGreaterThanOrEqualTo(128);
  }

  @Test
  void checksumDetectsEveryChangedCharacter() {
    String key = generator.generate(KeyType.Opaque, new KeyFormat("pay", 32)).values().get("apiKey");
    int undetected = 0;
    int tried = 0;
    for (int i = 0; i < key.length(); i++) {
      for (char c : Base62.ALPHABET.toCharArray()) {
        if (c == key.charAt(i) || (i < 4)) {
          continue;
        }
        String typo = key.substring(0, i) + c + key.substring(i + 1);
        tried++;
        if (OpaqueKeyFormat.isWellFormed(typo)) {
          undetected++;
        }
      }
    }
    assertThat(tried).isGreaterThan(2000);
    assertThat(undetected).as("single-character typos accepted as valid keys").isZero();
  }

  @Test
  void everyBase62CharacterIsEquallyLikely() {
    SecureRandom random = CredentialGenerator.bouncyCastleDrbg();
    int samples = 62 * 2000;
    int[] counts = new int[62];
    String text = Base62.random(random, samples);
    for (char c : text.toCharArray()) {
      counts[Base62.ALPHABET.indexOf(c)]++;
    }
    double expected = samples / 62.0;
    double chiSquare = 0;
    for (int count : counts) {
      chiSquare += Math.pow(count - expected, 2) / expected;
    }
    // 61 degrees of freedom: p = 0.0001 at chi-square 111; a modulo bias would be far above.
    assertThat(chiSquare).isLessThan(111);
  }

  @Test
  void keysDoNotRepeat() {
    Set<String> fingerprints = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      fingerprints.add(generator.generate(KeyType.Opaque, new KeyFormat("rest", 22)).fingerprint());
    }
    assertThat(fingerprints).hasSize(10_000);
  }

  @Test
  void basicHasPrefixedUsernameAndPasswordWithinBcryptsLimit() {
    Credential basic = generator.generate(KeyType.Basic, new KeyFormat("longprefix12", 128));
    String username = basic.values().get("username");
    String password = basic.values().get("password");

    assertThat(username).matches("longprefix12-[0-9A-Za-z]{12}");
    assertThat(password.getBytes(StandardCharsets.UTF_8).length).isEqualTo(72);
    assertThat(shape(password)).isEqualTo("prefix=longprefix12 random=53 base62=true checksum=valid");
    assertThat(basic.keyId("ignored")).isEqualTo(username);
  }

  @Test
  void basicPasswordKeepsTheConfiguredLengthWhenItFits() {
    String password = generator.generate(KeyType.Basic, new KeyFormat("ftp", 32)).values().get("password");
    assertThat(shape(password)).isEqualTo("prefix=ftp random=32 base62=true checksum=valid");
  }

  @Test
  void hmacHasKeyIdAnd32RandomBytesInBase64() {
    Credential hmac = generator.generate(KeyType.HMAC, new KeyFormat("pay", 32));

    assertThat(hmac.values().get("keyId")).matches("pay_[0-9A-Za-z]{16}");
    assertThat(Base64.getDecoder().decode(hmac.values().get("secret"))).hasSize(32);
    assertThat(hmac.values().get("algorithm")).isEqualTo("hmac-sha256");
    assertThat(hmac.keyId("ignored")).isEqualTo(hmac.values().get("keyId"));
  }

  @Test
  void opaqueKeyIdIsPrefixAndFirstEightRandomCharacters() {
    Credential opaque = generator.generate(KeyType.Opaque, new KeyFormat("pay", 32));
    String key = opaque.values().get("apiKey");

    assertThat(key.startsWith(opaque.keyId("x"))).isTrue();
    assertThat(opaque.keyId("x")).hasSize("pay_".length() + 8);
  }

  @Test
  void toStringNeverShowsKeyMaterial() {
    for (KeyType type : KeyType.values()) {
      Credential credential = generator.generate(type, new KeyFormat("pay", 32));
      String shown = credential.toString();
      credential.values().forEach((k, v) -> {
        if (!k.equals("algorithm")) {
          assertThat(shown.contains(v)).as("%s of %s in toString", k, type).isFalse();
        }
      });
      assertThat(shown).contains(credential.fingerprint());
    }
  }

  /** A printable summary of a key's shape that reveals nothing of the key itself. */
  static String shape(String key) {
    int separator = key.indexOf('_');
    String random = key.substring(separator + 1, key.length() - OpaqueKeyFormat.CHECKSUM_LENGTH);
    return "prefix=" + key.substring(0, separator)
        + " random=" + random.length()
        + " base62=" + Base62.isBase62(random)
        + " checksum=" + (OpaqueKeyFormat.isWellFormed(key) ? "valid" : "invalid");
  }
}
