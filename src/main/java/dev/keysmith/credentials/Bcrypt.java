package dev.keysmith.credentials;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * htpasswd bcrypt lines ({@code $2y$}), the format ingress-nginx and Traefik read.
 *
 * <p>bcrypt is slow by design, so callers hash once per credential revision and reuse the line.
 * bcrypt reads at most 72 bytes of a password; Keysmith's Basic passwords are kept within that.
 */
public final class Bcrypt {

  public static final int MIN_COST = 4;
  public static final int MAX_COST = 12;

  private final SecureRandom random;
  private final int cost;

  public Bcrypt(SecureRandom random, int cost) {
    if (cost < MIN_COST || cost > MAX_COST) {
      throw new IllegalArgumentException("bcrypt cost must be between " + MIN_COST + " and " + MAX_COST);
    }
    this.random = random;
    this.cost = cost;
  }

  /** The {@code $2y$} hash of {@code password}; the result reveals nothing usable of it. */
  public String hash(byte[] password) {
    if (password.length > Credential.BCRYPT_MAX_BYTES) {
      throw new IllegalArgumentException("bcrypt reads at most 72 bytes of a password");
    }
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return OpenBSDBCrypt.generate("2y", password, salt, cost);
  }

  public static boolean matches(String hash, byte[] password) {
    return OpenBSDBCrypt.checkPassword(hash, password);
  }

  /** An htpasswd line: {@code username:hash}. */
  public static String line(String username, String hash) {
    return username + ":" + hash;
  }

  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
