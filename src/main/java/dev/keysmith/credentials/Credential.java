package dev.keysmith.credentials;

import dev.keysmith.api.v1alpha1.KeyType;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One credential: the values a workload mounts, by data key.
 *
 * <p>Its {@link #toString()} shows only the type, key id and fingerprint, so that a credential in
 * a log line or an exception message never leaks.
 */
public final class Credential {

  public static final String API_KEY = "apiKey";
  public static final String USERNAME = "username";
  public static final String PASSWORD = "password";
  public static final String KEY_ID = "keyId";
  public static final String SECRET = "secret";
  public static final String ALGORITHM = "algorithm";
  public static final String HMAC_SHA256 = "hmac-sha256";

  /** Shortest secret value accepted from users; generated values are far longer. */
  public static final int MIN_SECRET_CHARS = 16;
  public static final int MAX_VALUE_CHARS = 512;
  /** bcrypt reads at most 72 bytes; longer Basic passwords would be silently truncated. */
  public static final int BCRYPT_MAX_BYTES = 72;

  private static final Pattern PRINTABLE = Pattern.compile("^[\\x21-\\x7E]+$");

  private final KeyType type;
  private final Map<String, String> values;

  private Credential(KeyType type, Map<String, String> values) {
    this.type = type;
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  static Credential opaque(String apiKey) {
    return new Credential(KeyType.Opaque, Map.of(API_KEY, apiKey));
  }

  static Credential basic(String username, String password) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put(USERNAME, username);
    values.put(PASSWORD, password);
    return new Credential(KeyType.Basic, values);
  }

  static Credential hmac(String keyId, String secret) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put(KEY_ID, keyId);
    values.put(SECRET, secret);
    values.put(ALGORITHM, HMAC_SHA256);
    return new Credential(KeyType.HMAC, values);
  }

  /**
   * Reads a credential of {@code type} from data values (already base64-decoded), as found in a
   * key's Secret or in a user's existing Secret. Other entries are ignored.
   */
  public static Credential read(KeyType type, Map<String, String> data)
      throws InvalidCredentialException {
    return switch (type) {
      case Opaque -> opaque(secretValue(data, API_KEY));
      case Basic -> basic(username(data), basicPassword(data));
      case HMAC -> {
        String algorithm = data.get(ALGORITHM);
        if (algorithm != null && !algorithm.isEmpty() && !HMAC_SHA256.equals(algorithm)) {
          throw new InvalidCredentialException(
              "data key '" + ALGORITHM + "' must be " + HMAC_SHA256);
        }
        yield hmac(identifier(data, KEY_ID), secretValue(data, SECRET));
      }
    };
  }

  /** The data keys a credential of {@code type} occupies in a Secret. */
  public static List<String> dataKeys(KeyType type) {
    return switch (type) {
      case Opaque -> List.of(API_KEY);
      case Basic -> List.of(USERNAME, PASSWORD);
      case HMAC -> List.of(KEY_ID, SECRET, ALGORITHM);
    };
  }

  public KeyType type() {
    return type;
  }

  /** The values to write into a Secret's data, by data key. This is key material. */
  public Map<String, String> values() {
    return values;
  }

  /** The secret value: the Opaque key, the Basic password or the HMAC secret. */
  public byte[] secretValue() {
    return secretText().getBytes(StandardCharsets.UTF_8);
  }

  private String secretText() {
    return switch (type) {
      case Opaque -> values.get(API_KEY);
      case Basic -> values.get(PASSWORD);
      case HMAC -> values.get(SECRET);
    };
  }

  /** Lower-case hex SHA-256 of the secret value. */
  public String sha256() {
    return Hashes.sha256Hex(secretValue());
  }

  public String fingerprint() {
    return Hashes.fingerprint(secretValue());
  }

  public Optional<String> username() {
    return Optional.ofNullable(values.get(USERNAME));
  }

  /**
   * The public identifier: for Opaque keys the prefix and first 8 random characters (a key not in
   * Keysmith's format, which users may supply, gets {@code fallbackPrefix_} and 8 hex characters
   * of its hash instead, so no part of it is revealed); the username for Basic; the key id for
   * HMAC.
   */
  public String keyId(String fallbackPrefix) {
    return switch (type) {
      case Opaque ->
          OpaqueKeyFormat.keyId(values.get(API_KEY))
              .orElseGet(() -> fallbackPrefix + "_" + sha256().substring(0, 8));
      case Basic -> values.get(USERNAME);
      case HMAC -> values.get(KEY_ID);
    };
  }

  /** Same type and same values. */
  public boolean sameAs(Credential other) {
    return other != null && type == other.type && values.equals(other.values);
  }

  @Override
  public String toString() {
    return "Credential[type=" + type + ", fingerprint=" + fingerprint() + "]";
  }

  private static String secretValue(Map<String, String> data, String key)
      throws InvalidCredentialException {
    String value = printable(data, key);
    if (value.length() < MIN_SECRET_CHARS) {
      throw new InvalidCredentialException(
          "data key '" + key + "' is shorter than " + MIN_SECRET_CHARS + " characters");
    }
    return value;
  }

  private static String basicPassword(Map<String, String> data) throws InvalidCredentialException {
    String password = secretValue(data, PASSWORD);
    if (password.getBytes(StandardCharsets.UTF_8).length > BCRYPT_MAX_BYTES) {
      throw new InvalidCredentialException(
          "data key '"
              + PASSWORD
              + "' is longer than "
              + BCRYPT_MAX_BYTES
              + " bytes, the most bcrypt (htpasswd) can verify");
    }
    return password;
  }

  private static String username(Map<String, String> data) throws InvalidCredentialException {
    String username = identifier(data, USERNAME);
    if (username.indexOf(':') >= 0) {
      throw new InvalidCredentialException("data key '" + USERNAME + "' must not contain ':'");
    }
    return username;
  }

  private static String identifier(Map<String, String> data, String key)
      throws InvalidCredentialException {
    return printable(data, key);
  }

  private static String printable(Map<String, String> data, String key)
      throws InvalidCredentialException {
    String value = data.get(key);
    if (value == null || value.isEmpty()) {
      throw new InvalidCredentialException("data key '" + key + "' is missing or empty");
    }
    if (value.length() > MAX_VALUE_CHARS) {
      throw new InvalidCredentialException(
          "data key '" + key + "' is longer than " + MAX_VALUE_CHARS + " characters");
    }
    if (!PRINTABLE.matcher(value).matches()) {
      throw new InvalidCredentialException(
          "data key '" + key + "' must be printable ASCII without spaces");
    }
    return value;
  }
}
