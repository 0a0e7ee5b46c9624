package dev.keysmith.support;

import java.util.Map;
import java.util.Set;

/** The labels and annotations Keysmith reads and writes. */
public final class Metadata {

  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY_KEYSMITH = "keysmith";
  /** Label selector of every Secret Keysmith owns: the only Secrets its informers cache. */
  public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + MANAGED_BY_KEYSMITH;

  public static final String PREFIX = "keysmith.dev/";

  // Labels
  public static final String APIKEY = PREFIX + "apikey";
  public static final String APICHANNEL = PREFIX + "apichannel";
  public static final String DEFAULT_KEY = PREFIX + "default-key";
  public static final String SECRET_ROLE = PREFIX + "role";
  public static final String ROLE_CREDENTIALS = "credentials";
  public static final String ROLE_KEYRING = "keyring";
  public static final String ROLE_SIGNING_KEY = "signing-key";

  // Annotations on a key's Secret: the record from which status is derived.
  public static final String REVISION = PREFIX + "revision";
  public static final String FINGERPRINT = PREFIX + "fingerprint";
  public static final String EXPIRES_AT = PREFIX + "expires-at";
  public static final String KEY_TYPE = PREFIX + "key-type";
  public static final String ACTIVATED_AT = PREFIX + "activated-at";
  public static final String ISSUED_AT = PREFIX + "issued-at";
  public static final String ROTATED_AT = PREFIX + "rotated-at";
  public static final String CHANNEL = PREFIX + "channel";
  public static final String SOURCE = PREFIX + "source";
  public static final String PREVIOUS_VALID_UNTIL = PREFIX + "previous-valid-until";
  public static final String PREVIOUS_FINGERPRINT = PREFIX + "previous-fingerprint";
  public static final String PREVIOUS_KEY_TYPE = PREFIX + "previous-key-type";
  public static final String HANDLED_REQUESTS = PREFIX + "handled-requests";
  public static final String LAST_ROTATION_REQUEST = PREFIX + "last-rotation-request";
  public static final String LAST_ROTATE_ANNOTATION = PREFIX + "last-rotate-annotation";

  // Annotations on a channel's keyring Secret.
  public static final String KEYRING_REVISION = PREFIX + "keyring-revision";
  public static final String CONTENT_HASH = PREFIX + "content-hash";
  /** The last valid spec of the channel, which still applies while its current spec is invalid. */
  public static final String APPLIED_SPEC = PREFIX + "applied-spec";
  public static final String APPLIED_GENERATION = PREFIX + "applied-generation";

  // Annotation users set on an ApiKey.
  public static final String ROTATE_REQUEST = PREFIX + "rotate-request";

  /**
   * Labels and annotations that tell GitOps tools an object is theirs. Copied onto a Secret they
   * would make Argo CD or Flux prune it, and Keysmith would issue a new credential in return.
   */
  private static final Set<String> TRACKING_PREFIXES =
      Set.of("argocd.argoproj.io/", "kustomize.toolkit.fluxcd.io/", "helm.toolkit.fluxcd.io/");

  private static final Set<String> TRACKING_KEYS = Set.of("app.kubernetes.io/instance");

  private Metadata() {}

  /** Whether a label or annotation key is reserved for Keysmith or for GitOps tracking. */
  public static boolean isReserved(String key) {
    return key.equals(MANAGED_BY)
        || key.startsWith(PREFIX)
        || TRACKING_KEYS.contains(key)
        || TRACKING_PREFIXES.stream().anyMatch(key::startsWith);
  }

  public static boolean isManagedByKeysmith(Map<String, String> labels) {
    return labels != null && MANAGED_BY_KEYSMITH.equals(labels.get(MANAGED_BY));
  }
}
