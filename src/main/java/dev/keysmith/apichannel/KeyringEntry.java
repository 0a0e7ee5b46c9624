package dev.keysmith.apichannel;

import dev.keysmith.credentials.Credential;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One credential a channel's keyring lists: a key's current credential, or its previous one during
 * the grace period after a rotation. Holds the credential itself (Basic passwords must be hashed
 * with bcrypt); prints only public identifiers.
 *
 * @param apiKey the key as {@code namespace/name}
 * @param notAfter until when the credential may be accepted, if it expires
 * @param ipAllowlist CIDRs the credential may be used from; empty means any address
 * @param activatedAt when the key was activated: the oldest keys keep their place in a full keyring
 */
public record KeyringEntry(
    String keyId,
    String apiKey,
    Credential credential,
    Optional<Instant> notAfter,
    List<String> ipAllowlist,
    State state,
    Instant activatedAt) {

  public enum State {
    current,
    grace
  }

  @Override
  public String toString() {
    return "KeyringEntry[" + apiKey + " " + keyId + " " + state + "]";
  }
}
