package dev.keysmith.apikey;

import dev.keysmith.credentials.AccessToken;
import dev.keysmith.credentials.Credential;
import dev.keysmith.lifecycle.RotationRequests;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything a key's Secret records: the credential, the previous one while it is in its grace
 * period, and the facts status is derived from. Writing one record is one atomic Secret update,
 * which is what makes issue and rotation crash-safe.
 *
 * @param source where the credential came from: {@code generated} or {@code secret/<name>}
 * @param requests the rotation requests handled so far, and the last value of each trigger
 * @param token the key's short-lived access token, for channels with tokens
 */
public record IssueRecord(
    Credential credential,
    long revision,
    Instant activatedAt,
    Instant issuedAt,
    Optional<Instant> rotatedAt,
    String source,
    Optional<Previous> previous,
    RequestLog requests,
    Optional<AccessToken> token) {

  static final String GENERATED = "generated";

  /** The credential a rotation replaced, valid until the end of its grace period. */
  public record Previous(Credential credential, Instant validUntil) {}

  /** The handled rotation requests, and the last handled value of each trigger for status. */
  public record RequestLog(RotationRequests handled, Optional<String> lastSpec, Optional<String> lastAnnotation) {

    static final RequestLog EMPTY = new RequestLog(RotationRequests.none(), Optional.empty(), Optional.empty());

    /** This log with the triggers' current values handled. */
    RequestLog handling(Optional<String> spec, Optional<String> annotation) {
      return new RequestLog(
          handled.with(spec.orElse(null), annotation.orElse(null)),
          spec.or(() -> lastSpec),
          annotation.or(() -> lastAnnotation));
    }
  }

  static String fromSecret(String name) {
    return "secret/" + name;
  }

  /** The same record without a previous credential whose grace period is over at {@code now}. */
  IssueRecord withoutExpiredPrevious(Instant now) {
    return new IssueRecord(
        credential, revision, activatedAt, issuedAt, rotatedAt, source,
        previous.filter(p -> now.isBefore(p.validUntil())), requests, token);
  }

  IssueRecord withSource(String newSource) {
    return new IssueRecord(credential, revision, activatedAt, issuedAt, rotatedAt, newSource, previous, requests, token);
  }

  IssueRecord withToken(Optional<AccessToken> newToken) {
    return new IssueRecord(credential, revision, activatedAt, issuedAt, rotatedAt, source, previous, requests, newToken);
  }

  /**
   * The record after replacing the credential by {@code next} at {@code at}: revision + 1, the old
   * credential kept for {@code grace} (not at all for a zero grace period).
   */
  IssueRecord rotatedTo(Credential next, Instant at, java.time.Duration grace, RequestLog log) {
    Optional<Previous> kept =
        grace.isZero() ? Optional.empty() : Optional.of(new Previous(credential, at.plus(grace)));
    // A new credential has another key id: its token is minted anew.
    return new IssueRecord(next, revision + 1, activatedAt, at, Optional.of(at), source, kept, log, Optional.empty());
  }
}
