package dev.keysmith.apichannel;

import dev.keysmith.credentials.Bcrypt;
import dev.keysmith.credentials.Hashes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * bcrypt lines by credential, so that each Basic password is hashed once per revision and not on
 * every keyring rebuild. After a restart, the lines of the keyring already published are taken
 * over ({@link #remember}) instead of hashed again.
 */
final class BcryptCache {

  /** Comfortably above the keys a keyring can hold; beyond it, the cache starts over. */
  private static final int MAX_ENTRIES = 50_000;

  private final Bcrypt bcrypt;
  private final Map<String, String> lines = new ConcurrentHashMap<>();

  BcryptCache(Bcrypt bcrypt) {
    this.bcrypt = bcrypt;
  }

  /** The htpasswd line of a Basic credential. */
  String line(String username, byte[] password) {
    return lines.computeIfAbsent(
        key(username, Hashes.sha256Hex(password)),
        k -> {
          if (lines.size() > MAX_ENTRIES) {
            lines.clear();
          }
          return Bcrypt.line(username, bcrypt.hash(password));
        });
  }

  /** Takes over a published line for the credential whose password has this SHA-256. */
  void remember(String username, String passwordSha256, String line) {
    lines.putIfAbsent(key(username, passwordSha256), line);
  }

  private static String key(String username, String passwordSha256) {
    return username + "\n" + passwordSha256;
  }
}
