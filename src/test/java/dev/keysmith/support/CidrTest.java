package dev.keysmith.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrTest {

  @ParameterizedTest
  @CsvSource({
    "10.0.0.0/8, 10.0.0.0/8",
    "0.0.0.0/0, 0.0.0.0/0",
    "192.168.1.7/32, 192.168.1.7/32",
    "2001:db8::/32, 2001:db8::/32",
    "2001:0DB8:0000::/48, 2001:db8::/48",
    "::/0, ::/0",
    "fe80::1/128, fe80::1/128",
    "2001:db8:0:0:1:0:0:0/80, 2001:db8:0:0:1::/80"
  })
  void parsesAndPrintsCanonically(String text, String canonical) {
    assertThat(Cidr.parse(text).canonical()).isEqualTo(canonical);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "10.0.0.0           | is not a CIDR such as 10.0.0.0/8 or 2001:db8::/32",
        "10.0.0.0/33        | has a prefix length above 32 for an IPv4 address",
        "2001:db8::/129     | has a prefix length above 128 for an IPv6 address",
        "256.0.0.0/8        | is not a CIDR such as 10.0.0.0/8 or 2001:db8::/32",
        "10.1.2.3/8         | has host bits set; did you mean 10.0.0.0/8?",
        "example.com/8      | is not a CIDR such as 10.0.0.0/8 or 2001:db8::/32",
        "10.0.0.0/08        | is not a CIDR such as 10.0.0.0/8 or 2001:db8::/32",
        "2001:db8::1/32     | has host bits set; did you mean 2001:db8::/32?",
        "2001:db8:::1/64    | is not a CIDR such as 10.0.0.0/8 or 2001:db8::/32",
        "10.0.0.0/8/8       | is not a CIDR such as 10.0.0.0/8 or 2001:db8::/32"
      })
  void rejectsWithAMessage(String text, String message) {
    assertThatThrownBy(() -> Cidr.parse(text)).hasMessage(message);
  }

  @ParameterizedTest
  @CsvSource({
    "10.0.0.0/8, 10.1.0.0/16, true",
    "10.0.0.0/8, 10.0.0.0/8, true",
    "10.1.0.0/16, 10.0.0.0/8, false",
    "10.0.0.0/8, 11.0.0.0/16, false",
    "2001:db8::/32, 2001:db8:1::/48, true",
    "2001:db8::/32, 2001:db9::/48, false",
    "0.0.0.0/0, 2001:db8::/32, false",
    "::/0, 10.0.0.0/8, false"
  })
  void containsOnlyNetworksOfTheSameFamilyInside(String outer, String inner, boolean expected) {
    assertThat(Cidr.parse(outer).contains(Cidr.parse(inner))).isEqualTo(expected);
  }
}
