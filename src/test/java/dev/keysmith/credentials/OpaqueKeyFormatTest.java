package dev.keysmith.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpaqueKeyFormatTest {

  /** Expected values computed independently: Python's zlib.crc32 and a separate base62 encoder. */
  @ParameterizedTest
  @CsvSource({
    "pay_3kT9aaaaaaaaaaaaaaaaaaaaaaaaaaaa, 12mr33",
    "rest_0000000000000000000000, 4M7X4r",
    "a_b, 0kJhb0"
  })
  void checksumIsTheCrc32OfTheBodyInBase62PaddedToSixCharacters(String body, String expected) {
    assertThat(OpaqueKeyFormat.checksum(body)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"0, 1, 0", "61, 1, z", "62, 2, 10", "3843, 2, zz", "4294967295, 6, 4gfFC3"})
  void base62EncodesMostSignificantDigitFirst(long value, int width, String expected) {
    assertThat(Base62.encode(value, width)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"62, 1", "-1, 6"})
  void base62RejectsValuesThatDoNotFit(long value, int width) {
    assertThatThrownBy(() -> Base62.encode(value, width)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "pay_3kT9aaaaaaaaaaaaaaaaaaaaaaaaaaaa12mr33, true, pay_3kT9aaaa",
    "pay_3kT9aaaaaaaaaaaaaaaaaaaaaaaaaaaa12mr34, false, ",
    "pay_3kT9aaaaaaaaaaaaaaaaaaaaaaaaaaab12mr33, false, ",
    "pay3kT9aaaaaaaaaaaaaaaaaaaaaaaaaaaa12mr33, false, ",
    "pay_3kT9-aaaaaaaaaaaaaaaaaaaaaaaaaa12mr33, false, ",
    "pay_12mr33, false, "
  })
  void recognisesWellFormedKeysAndDerivesTheirKeyId(String key, boolean wellFormed, String keyId) {
    assertThat(OpaqueKeyFormat.isWellFormed(key)).isEqualTo(wellFormed);
    assertThat(OpaqueKeyFormat.keyId(key).orElse(null)).isEqualTo(keyId);
  }
}
