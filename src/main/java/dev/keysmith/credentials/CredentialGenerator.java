package dev.keysmith.credentials;

import dev.keysmith.api.v1alpha1.KeyType;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.prng.SP800SecureRandomBuilder;

/** Generates new credentials in Keysmith's formats from a cryptographically secure generator. */
public final class CredentialGenerator {

  public static final int USERNAME_RANDOM_CHARS = 12;
  public static final int HMAC_KEY_ID_RANDOM_CHARS = 16;
  public static final int HMAC_SECRET_BYTES = 32;

  private final SecureRandom random;

  public CredentialGenerator(SecureRandom random) {
    this.random = random;
  }

  /**
   * A NIST SP 800-90A Hash_DRBG (SHA-512) from BouncyCastle, seeded and reseeded from the
   * platform's entropy source, with prediction resistance.
   */
  public static SecureRandom bouncyCastleDrbg() {
    SecureRandom entropy = new SecureRandom();
    byte[] nonce = new byte[32];
    entropy.nextBytes(nonce);
    return new SP800SecureRandomBuilder(entropy, true)
        .setPersonalizationString("keysmith credentials".getBytes(StandardCharsets.UTF_8))
        .setSecurityStrength(256)
        .setEntropyBitsRequired(256)
        .buildHash(new SHA512Digest(), nonce, true);
  }

  public Credential generate(KeyType type, KeyFormat format) {
    return switch (type) {
      case Opaque -> Credential.opaque(opaqueKey(format.prefix(), format.length()));
      case Basic ->
          Credential.basic(
              format.prefix() + "-" + Base62.random(random, USERNAME_RANDOM_CHARS),
              opaqueKey(format.prefix(), basicPasswordLength(format)));
      case HMAC -> {
        byte[] secret = new byte[HMAC_SECRET_BYTES];
        random.nextBytes(secret);
        yield Credential.hmac(
            format.prefix() + "_" + Base62.random(random, HMAC_KEY_ID_RANDOM_CHARS),
            Base64.getEncoder().encodeToString(secret));
      }
    };
  }

  private String opaqueKey(String prefix, int length) {
    return OpaqueKeyFormat.compose(prefix, Base62.random(random, length));
  }

  /**
   * Basic passwords are kept within bcrypt's 72 bytes so htpasswd verifiers see all of them; with
   * the longest prefix that still leaves 53 random characters (over 300 bits).
   */
  static int basicPasswordLength(KeyFormat format) {
    int room =
        Credential.BCRYPT_MAX_BYTES - format.prefix().length() - 1 - OpaqueKeyFormat.CHECKSUM_LENGTH;
    return Math.min(format.length(), room);
  }
}
