package dev.keysmith.apikey;

import dev.keysmith.credentials.Credential;
import java.time.Instant;
import java.util.Optional;

/**
 * A credential with the facts recorded beside it in the key's Secret.
 *
 * @param source where the credential came from: {@code generated} or {@code secret/<name>}
 */
record IssueRecord(
    Credential credential,
    long revision,
    Instant activatedAt,
    Instant issuedAt,
    Optional<Instant> rotatedAt,
    String source) {

  static final String GENERATED = "generated";

  static String fromSecret(String name) {
    return "secret/" + name;
  }
}
