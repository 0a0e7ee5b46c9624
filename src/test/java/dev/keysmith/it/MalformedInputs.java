package dev.keysmith.it;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Malformed ApiKeys and ApiChannels: wrong types, out-of-bounds values, bad formats, dangling
 * references, unicode tricks, huge values and conflicting fields. Each says what must come of it:
 * rejected by the API server at admission with a message naming the field, or accepted and
 * reported by the operator with {@code Ready=False}, a reason and a message naming the field.
 *
 * <p>The keys refer to ApiChannel {@code api} (REST, Opaque and HMAC, ipAllowlist 10.0.0.0/8,
 * maxValidity 8760h) unless they say otherwise; {@code strict} requires an expiry; namespace
 * {@code OTHER} holds a channel {@code api} that accepts keys from its own namespace only; Secret
 * {@code foreign} is a user's, {@code weak-creds} holds a credential too short to use and {@code
 * user-creds} a usable one.
 */
final class MalformedInputs {

  /** The namespace of the other channel, replaced when the manifests are written. */
  static final String OTHER = "OTHER-NAMESPACE";

  /** What must come of a manifest. */
  sealed interface Outcome permits Rejected, Reported {}

  /** Rejected at admission; the message names {@code field}. */
  record Rejected(String field) implements Outcome {}

  /** Accepted; Ready=False with {@code reason}; the message contains {@code field}. */
  record Reported(String reason, String field) implements Outcome {}

  /**
   * @param kind ApiKey or ApiChannel
   * @param spec the spec in YAML flow style
   * @param edit whether the manifest is an edit of an existing, valid object rather than a new one
   */
  record Case(String kind, String name, String category, String spec, Outcome outcome, boolean edit) {}

  private final List<Case> cases = new ArrayList<>();

  private MalformedInputs() {}

  static List<Case> all() {
    MalformedInputs t = new MalformedInputs();

    // Types
    t.key("revoked-string", "types", "{channelRef: {name: api}, revoked: 'yes'}", rejected("spec.revoked"));
    t.key("type-unknown", "types", "{channelRef: {name: api}, type: Bearer}", rejected("spec.type"));
    t.key("allowlist-not-a-list", "types", "{channelRef: {name: api}, ipAllowlist: 10.0.0.0/8}", rejected("spec.ipAllowlist"));
    t.key("channelref-string", "types", "{channelRef: api}", rejected("spec.channelRef"));
    t.key("validfor-number", "types", "{channelRef: {name: api}, validFor: 3600}", rejected("spec.validFor"));
    t.key("rotation-list", "types", "{channelRef: {name: api}, rotation: [every, 1h]}", rejected("spec.rotation"));
    t.key("no-channelref", "types", "{displayName: orphan}", rejected("spec.channelRef"));
    t.key("typo-field", "types", "{channelRef: {name: api}, rotaton: {every: 1h}}", rejected("spec.rotaton"));
    t.channel("active-string", "types", "{protocol: REST, active: 'yes'}", rejected("spec.active"));
    t.channel("maxkeys-string", "types", "{protocol: REST, policy: {maxKeys: ten}}", rejected("spec.policy.maxKeys"));
    t.channel("no-protocol", "types", "{active: true}", rejected("spec.protocol"));

    // Bounds
    t.key("validfor-below-1s", "bounds", "{channelRef: {name: api}, validFor: 500ms}", invalid("spec.validFor"));
    t.key("every-below-10s", "bounds", "{channelRef: {name: api}, rotation: {every: 5s}}", invalid("spec.rotation.every"));
    t.key("every-zero", "bounds", "{channelRef: {name: api}, rotation: {every: 0s}}", invalid("spec.rotation.every"));
    t.key("validfor-above-max", "bounds", "{channelRef: {name: api}, validFor: 9000h}", invalid("spec.validFor"));
    t.key("expiry-required", "bounds", "{channelRef: {name: strict}}", invalid("spec.expiresAt or spec.validFor"));
    t.key("secretname-254-chars", "bounds", "{channelRef: {name: api}, secretName: " + "s".repeat(254) + "}", rejected("spec.secretName"));
    t.key("n".repeat(250), "bounds", "{channelRef: {name: api}}", invalid("spec.secretName"));
    t.key("label-value-64-chars", "bounds", "{channelRef: {name: api}, secretTemplate: {labels: {team: " + "v".repeat(64) + "}}}",
        rejected("spec.secretTemplate.labels"));
    t.channel("length-10", "bounds", "{protocol: REST, keyFormat: {length: 10}}", rejected("spec.keyFormat.length"));
    t.channel("length-huge", "bounds", "{protocol: REST, keyFormat: {length: 99999999999}}", rejected("spec.keyFormat.length"));
    t.channel("maxkeys-zero", "bounds", "{protocol: REST, policy: {maxKeys: 0}}", rejected("spec.policy.maxKeys"));
    t.channel("keytypes-empty", "bounds", "{protocol: REST, keyTypes: []}", rejected("spec.keyTypes"));
    t.channel("token-ttl-1m", "bounds", "{protocol: REST, token: {enabled: true, ttl: 1m}}", invalid("spec.token.ttl"));
    t.channel("token-ttl-48h", "bounds", "{protocol: REST, token: {enabled: true, ttl: 48h}}", invalid("spec.token.ttl"));
    t.channel("policy-every-1s", "bounds", "{protocol: REST, policy: {rotation: {every: 1s}}}", invalid("spec.policy.rotation.every"));

    // Formats
    t.key("validfor-words", "formats", "{channelRef: {name: api}, validFor: 3 days}", rejected("spec.validFor"));
    t.key("validfor-negative", "formats", "{channelRef: {name: api}, validFor: -1h}", rejected("spec.validFor"));
    t.key("expiresat-date-only", "formats", "{channelRef: {name: api}, expiresAt: '2030-01-01'}", rejected("spec.expiresAt"));
    t.key("expiresat-month-13", "formats", "{channelRef: {name: api}, expiresAt: '2030-13-45T00:00:00Z'}", invalid("spec.expiresAt"));
    t.key("cron-minute-61", "formats", "{channelRef: {name: api}, rotation: {schedule: '61 * * * *'}}", invalid("spec.rotation.schedule"));
    t.key("cron-three-fields", "formats", "{channelRef: {name: api}, rotation: {schedule: '* * *'}}", rejected("spec.rotation.schedule"));
    t.key("timezone-unknown", "formats", "{channelRef: {name: api}, rotation: {schedule: '0 3 * * *', timeZone: Mars/Phobos}}",
        invalid("spec.rotation.timeZone"));
    t.key("cidr-octet-300", "formats", "{channelRef: {name: api}, ipAllowlist: [10.0.0.300/8]}", invalid("spec.ipAllowlist[0]"));
    t.key("cidr-v6-prefix-129", "formats", "{channelRef: {name: api}, ipAllowlist: ['2001:db8::/129']}", invalid("spec.ipAllowlist[0]"));
    t.key("cidr-without-prefix", "formats", "{channelRef: {name: api}, ipAllowlist: [10.0.0.1]}", rejected("spec.ipAllowlist[0]"));
    t.key("secretname-uppercase", "formats", "{channelRef: {name: api}, secretName: Not_Valid}", rejected("spec.secretName"));
    t.key("label-key-with-space", "formats", "{channelRef: {name: api}, secretTemplate: {labels: {'bad key': x}}}",
        invalid("spec.secretTemplate.labels"));
    t.key("label-value-with-space", "formats", "{channelRef: {name: api}, secretTemplate: {labels: {team: 'has space'}}}",
        invalid("spec.secretTemplate.labels[team]"));
    t.key("label-reserved", "formats", "{channelRef: {name: api}, secretTemplate: {labels: {keysmith.dev/apikey: x}}}",
        invalid("spec.secretTemplate.labels"));
    t.key("grace-in-words", "formats", "{channelRef: {name: api}, rotation: {gracePeriod: a day}}", rejected("spec.rotation.gracePeriod"));
    t.key("deletionpolicy-keep", "formats", "{channelRef: {name: api}, deletionPolicy: Keep}", rejected("spec.deletionPolicy"));
    t.channel("protocol-gopher", "formats", "{protocol: GOPHER}", rejected("spec.protocol"));
    t.channel("prefix-uppercase", "formats", "{protocol: REST, keyFormat: {prefix: PAY}}", rejected("spec.keyFormat.prefix"));
    t.channel("prefix-13-chars", "formats", "{protocol: REST, keyFormat: {prefix: abcdefghijklm}}", rejected("spec.keyFormat.prefix"));
    t.channel("keytypes-unknown", "formats", "{protocol: REST, keyTypes: [Bearer]}", rejected("spec.keyTypes[0]"));
    t.channel("cidr-octet-300", "formats", "{protocol: REST, ipAllowlist: [300.0.0.0/8]}", invalid("spec.ipAllowlist[0]"));
    t.channel("keyring-name-with-space", "formats", "{protocol: REST, keyring: {secretName: Bad Name}}", rejected("spec.keyring.secretName"));
    t.channel("selector-operator-near", "formats",
        "{protocol: REST, allowedNamespaces: {from: Selector, selector: {matchExpressions: [{key: team, operator: Near}]}}}",
        rejected("spec.allowedNamespaces.selector.matchExpressions[0].operator"));
    t.channel("selector-label-key-bad", "formats",
        "{protocol: REST, allowedNamespaces: {from: Selector, selector: {matchLabels: {'bad key!': x}}}}",
        invalid("spec.allowedNamespaces.selector.matchLabels"));
    t.channel("selector-in-without-values", "formats",
        "{protocol: REST, allowedNamespaces: {from: Selector, selector: {matchExpressions: [{key: team, operator: In}]}}}",
        invalid("spec.allowedNamespaces.selector.matchExpressions[0].values"));
    t.channel("default-validity-words", "formats", "{protocol: REST, policy: {defaultValidity: forever}}",
        rejected("spec.policy.defaultValidity"));

    // References
    t.key("channel-missing", "references", "{channelRef: {name: nowhere}}", new Reported("ChannelNotFound", "nowhere"));
    t.key("channel-name-uppercase", "references", "{channelRef: {name: API}}", rejected("spec.channelRef.name"));
    t.key("channel-other-namespace", "references", "{channelRef: {name: api, namespace: " + OTHER + "}}",
        new Reported("NamespaceNotAllowed", OTHER));
    t.key("own-credentials-missing", "references", "{channelRef: {name: api}, credentials: {existingSecretRef: {name: no-such-secret}}}",
        new Reported("CredentialsNotFound", "spec.credentials.existingSecretRef"));
    t.key("own-credentials-unusable", "references", "{channelRef: {name: api}, credentials: {existingSecretRef: {name: weak-creds}}}",
        invalid("spec.credentials.existingSecretRef"));
    t.key("secret-name-taken", "references", "{channelRef: {name: api}, secretName: foreign}", new Reported("SecretConflict", "foreign"));
    t.key("type-not-allowed", "references", "{channelRef: {name: api}, type: Basic}", new Reported("TypeNotAllowed", "spec.type"));
    t.key("allowlist-outside-channel", "references", "{channelRef: {name: api}, ipAllowlist: [192.168.0.0/16]}",
        invalid("spec.ipAllowlist[0]"));

    // Unicode
    t.key("bidi-override-validfor", "unicode", "{channelRef: {name: api}, validFor: \"\\u202e1h\"}", rejected("spec.validFor"));
    t.key("fullwidth-digits-every", "unicode", "{channelRef: {name: api}, rotation: {every: \"\\uff11\\uff10s\"}}", rejected("spec.rotation.every"));
    t.key("accented-label-value", "unicode", "{channelRef: {name: api}, secretTemplate: {labels: {team: \"\\u00fcn\\u00efc\\u00f6d\\u00e9\"}}}",
        invalid("spec.secretTemplate.labels[team]"));
    t.key("accented-secretname", "unicode", "{channelRef: {name: api}, secretName: \"s\\u00e9cret\"}", rejected("spec.secretName"));
    t.key("zero-width-channel-name", "unicode", "{channelRef: {name: \"api\\u200b\"}}", rejected("spec.channelRef.name"));
    t.key("bidi-override-timezone", "unicode", "{channelRef: {name: api}, rotation: {schedule: '0 3 * * *', timeZone: \"Europe/Berlin\\u202e\"}}",
        rejected("spec.rotation.timeZone"));
    t.key("nul-in-validfor", "unicode", "{channelRef: {name: api}, validFor: \"1h\\0\"}", rejected("spec.validFor"));
    t.channel("cyrillic-prefix", "unicode", "{protocol: REST, keyFormat: {prefix: \"p\\u0430y\"}}", rejected("spec.keyFormat.prefix"));

    // Huge values
    t.key("description-1mib", "huge values", "{channelRef: {name: api}, description: " + "d".repeat(1 << 20) + "}", rejected("spec.description"));
    t.key("displayname-300-chars", "huge values", "{channelRef: {name: api}, displayName: " + "n".repeat(300) + "}", rejected("spec.displayName"));
    t.key("allowlist-65-entries", "huge values", "{channelRef: {name: api}, ipAllowlist: ["
        + IntStream.range(0, 65).mapToObj(i -> "10.0." + i + ".0/24").collect(Collectors.joining(", ")) + "]}", rejected("spec.ipAllowlist"));
    t.key("annotations-160kb", "huge values", "{channelRef: {name: api}, secretTemplate: {annotations: {"
        + IntStream.range(0, 40).mapToObj(i -> "note" + i + ": " + "a".repeat(4000)).collect(Collectors.joining(", ")) + "}}}",
        invalid("spec.secretTemplate.annotations"));
    t.key("rotation-request-10k", "huge values", "{channelRef: {name: api}, rotationRequest: " + "r".repeat(10_000) + "}",
        rejected("spec.rotationRequest"));

    // Conflicting fields
    t.key("expiresat-and-validfor", "conflicting fields", "{channelRef: {name: api}, validFor: 1h, expiresAt: '2030-01-01T00:00:00Z'}",
        invalid("spec.validFor"));
    t.key("every-and-schedule", "conflicting fields", "{channelRef: {name: api}, rotation: {every: 1h, schedule: '0 3 * * *'}}",
        invalid("spec.rotation"));
    t.key("timezone-without-schedule", "conflicting fields", "{channelRef: {name: api}, rotation: {every: 1h, timeZone: UTC}}",
        invalid("spec.rotation.timeZone"));
    t.key("own-credentials-in-own-secret", "conflicting fields",
        "{channelRef: {name: api}, secretName: mine, credentials: {existingSecretRef: {name: mine}}}",
        invalid("spec.credentials.existingSecretRef.name"));
    t.key("schedule-for-own-credentials", "conflicting fields",
        "{channelRef: {name: api}, rotation: {every: 1h}, credentials: {existingSecretRef: {name: user-creds}}}", invalid("spec.rotation"));
    t.channel("default-above-max-validity", "conflicting fields", "{protocol: REST, policy: {defaultValidity: 9000h, maxValidity: 8760h}}",
        invalid("spec.policy.defaultValidity"));
    t.channel("keytypes-twice", "conflicting fields", "{protocol: REST, keyTypes: [Opaque, Opaque]}", invalid("spec.keyTypes"));
    t.channel("selector-missing", "conflicting fields", "{protocol: REST, allowedNamespaces: {from: Selector}}",
        invalid("spec.allowedNamespaces.selector"));
    t.channel("selector-without-from", "conflicting fields", "{protocol: REST, allowedNamespaces: {from: Same, selector: {matchLabels: {a: b}}}}",
        invalid("spec.allowedNamespaces.selector"));
    // A bad edit of the channel that valid keys use: reported, and the keys go on.
    t.cases.add(new Case("ApiChannel", "ftp", "conflicting fields", "{protocol: FTP, policy: {rotation: {every: 1h, schedule: '0 3 * * *'}}}",
        invalid("spec.policy.rotation"), true));
    return List.copyOf(t.cases);
  }

  private void key(String name, String category, String spec, Outcome outcome) {
    cases.add(new Case("ApiKey", name, category, spec, outcome, false));
  }

  private void channel(String name, String category, String spec, Outcome outcome) {
    cases.add(new Case("ApiChannel", "ch-" + name, category, spec, outcome, false));
  }

  private static Outcome rejected(String field) {
    return new Rejected(field);
  }

  private static Outcome invalid(String field) {
    return new Reported("InvalidSpec", field);
  }
}
