package dev.keysmith.credentials;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The Opaque key format {@code <prefix>_<random base62><checksum>}.
 *
 * <p>The checksum is the CRC32 of the UTF-8 bytes of everything before it, as an unsigned number in
 * base62, left-padded to 6 characters. It lets secret scanners and verifiers reject typos and
 * look-alikes offline, as GitHub's token format does.
 */
public final class OpaqueKeyFormat {

  public static final int CHECKSUM_LENGTH = 6;
  /** Random characters of an Opaque key that its public key id reveals. */
  public static final int KEY_ID_RANDOM_CHARS = 8;

  private OpaqueKeyFormat() {}

  public static String checksum(String body) {
    CRC32 crc = new CRC32();
    crc.update(body.getBytes(StandardCharsets.UTF_8));
    return Base62.encode(crc.getValue(), CHECKSUM_LENGTH);
  }

  public static String compose(String prefix, String random) {
    String body = prefix + "_" + random;
    return body + checksum(body);
  }

  /** Whether {@code key} has the shape of an Opaque key and its checksum matches. */
  public static boolean isWellFormed(String key) {
    return parse(key).isPresent();
  }

  /**
   * The public key id of a well-formed key: its prefix, {@code _} and the first 8 random
   * characters; empty when the key is not in this format.
   */
  public static Optional<String> keyId(String key) {
    return parse(key).map(p -> p.prefix() + "_" + p.random().substring(0, KEY_ID_RANDOM_CHARS));
  }

  private static Optional<Parts> parse(String key) {
    int separator = key.indexOf('_');
    if (separator < 1 || key.length() < separator + 1 + KEY_ID_RANDOM_CHARS + CHECKSUM_LENGTH) {
      return Optional.empty();
    }
    String body = key.substring(0, key.length() - CHECKSUM_LENGTH);
    String random = body.substring(separator + 1);
    if (!Base62.isBase62(random) || !checksum(body).equals(key.substring(body.length()))) {
      return Optional.empty();
    }
    return Optional.of(new Parts(key.substring(0, separator), random));
  }

  private record Parts(String prefix, String random) {}
}
