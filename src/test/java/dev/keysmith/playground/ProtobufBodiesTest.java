package dev.keysmith.playground;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The protobuf bodies of {@code kubectl create secret|configmap|namespace}. */
class ProtobufBodiesTest {

  @Test
  void decodesASecretAsKubectlEncodesIt() {
    byte[] metadata =
        concat(
            field(1, text("mine")),
            field(3, text("team-a")),
            field(11, concat(field(1, text("team")), field(2, text("a")))),
            field(2, text("")));
    byte[] secret =
        concat(
            field(1, metadata),
            field(2, concat(field(1, text("apiKey")), field(2, new byte[] {1, 2, (byte) 0xff}))),
            field(3, text("Opaque")),
            new byte[] {5 << 3, 1});
    byte[] body =
        concat(
            "k8s\0".getBytes(StandardCharsets.UTF_8),
            field(1, concat(field(1, text("v1")), field(2, text("Secret")))),
            field(2, secret),
            field(4, text("")));

    assertThat(ProtobufBodies.decode(body))
        .isEqualTo(
            Json.parse(
                """
                {"metadata": {"name": "mine", "namespace": "team-a", "labels": {"team": "a"}},
                 "data": {"apiKey": "AQL/"}, "type": "Opaque", "immutable": true,
                 "apiVersion": "v1", "kind": "Secret"}"""));
  }

  @Test
  void refusesKindsItCannotDecode() {
    byte[] body =
        concat(
            "k8s\0".getBytes(StandardCharsets.UTF_8),
            field(1, concat(field(1, text("v1")), field(2, text("Pod")))));

    assertThatThrownBy(() -> ProtobufBodies.decode(body))
        .hasMessageContaining("v1 Pod as JSON only");
    assertThatThrownBy(() -> ProtobufBodies.decode("{}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("not a Kubernetes protobuf object");
  }

  private static byte[] text(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  /** A length-delimited field; lengths stay below 128 here, so one byte each. */
  private static byte[] field(int number, byte[] content) {
    return concat(new byte[] {(byte) (number << 3 | 2), (byte) content.length}, content);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
