package dev.keysmith.credentials;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An Ed25519 key pair that signs a channel's access tokens (EdDSA, RFC 8037). Its key id is the
 * RFC 7638 JWK thumbprint of its public key, so verifiers can match tokens to JWKS entries without
 * any naming convention. {@link #toString()} shows only the key id.
 */
public final class SigningKey {

  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private final Ed25519PrivateKeyParameters privateKey;
  private final PublicKey publicKey;

  private SigningKey(Ed25519PrivateKeyParameters privateKey) {
    this.privateKey = privateKey;
    this.publicKey = PublicKey.of(privateKey.generatePublicKey().getEncoded());
  }

  public static SigningKey generate(SecureRandom random) {
    return new SigningKey(new Ed25519PrivateKeyParameters(random));
  }

  /** The key from its 32-byte private seed, as stored in the signing-key Secret. */
  public static SigningKey fromSeed(byte[] seed) {
    if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
      throw new IllegalArgumentException("an Ed25519 private key has 32 bytes");
    }
    return new SigningKey(new Ed25519PrivateKeyParameters(seed, 0));
  }

  /** The private seed: key material, for the signing-key Secret only. */
  public byte[] seed() {
    return privateKey.getEncoded();
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  public String keyId() {
    return publicKey.keyId();
  }

  public byte[] sign(byte[] message) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, privateKey);
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  @Override
  public String toString() {
    return "SigningKey[kid=" + keyId() + "]";
  }

  /** The public half: what a JWKS publishes. */
  public record PublicKey(String x, String keyId) {

    static PublicKey of(byte[] encoded) {
      String x = URL.encodeToString(encoded);
      // RFC 7638: SHA-256 of the required members in lexicographic order, without whitespace.
      String canonical = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + x + "\"}";
      String thumbprint =
          URL.encodeToString(HexFormat.of().parseHex(Hashes.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8))));
      return new PublicKey(x, thumbprint);
    }

    /** Restores a public key from its JWK {@code x}. */
    public static PublicKey fromX(String x) {
      return of(Base64.getUrlDecoder().decode(x));
    }

    public boolean verifies(byte[] message, byte[] signature) {
      Ed25519Signer verifier = new Ed25519Signer();
      verifier.init(false, new Ed25519PublicKeyParameters(Base64.getUrlDecoder().decode(x), 0));
      verifier.update(message, 0, message.length);
      return verifier.verifySignature(signature);
    }

    /** The JWK (RFC 7517 / 8037) of this key. */
    public Map<String, String> jwk() {
      Map<String, String> jwk = new LinkedHashMap<>();
      jwk.put("kty", "OKP");
      jwk.put("crv", "Ed25519");
      jwk.put("x", x);
      jwk.put("kid", keyId);
      jwk.put("use", "sig");
      jwk.put("alg", "EdDSA");
      return jwk;
    }
  }
}
