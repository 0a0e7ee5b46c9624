package dev.keysmith.apichannel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keysmith.api.v1alpha1.KeyType;
import dev.keysmith.credentials.Credential;
import dev.keysmith.credentials.Hashes;
import dev.keysmith.support.Timestamps;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Renders a channel's keyring: what an API provider mounts to verify the channel's credentials.
 *
 * <ul>
 *   <li>{@code keys.json}: every currently valid credential, current and in grace, with the
 *       SHA-256 of its secret value (never the value, except the HMAC secret a verifier needs);
 *   <li>{@code auth} (ingress-nginx) and {@code users} (Traefik): htpasswd lines with bcrypt
 *       hashes of the Basic passwords;
 *   <li>further files (e.g. {@code jwks.json}) passed in by the caller.
 * </ul>
 *
 * <p>A Secret holds at most 1 MiB of data. When the entries do not fit, the credentials of the
 * most recently activated keys are left out (never a revoked or expired one: those are not
 * entries at all) and named, so the channel can say so.
 */
public final class Keyring {

  public static final String KEYS_JSON = "keys.json";
  public static final String NGINX_HTPASSWD = "auth";
  public static final String TRAEFIK_HTPASSWD = "users";
  /** Kubernetes' limit on the data of one Secret. */
  public static final int SECRET_DATA_LIMIT = 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param data the files of the keyring Secret
   * @param contentHash identifies the content regardless of the revision, to detect changes
   * @param leftOut keys (namespace/name) whose credentials did not fit
   */
  public record Rendered(Map<String, String> data, String contentHash, int entries, List<String> leftOut) {}

  private Keyring() {}

  /**
   * Renders the keyring.
   *
   * @param bcryptLine the htpasswd line of a Basic entry (cached by the caller: bcrypt is slow)
   * @param extraFiles further files, e.g. {@code jwks.json}, counted against the size limit
   */
  public static Rendered render(
      String channel,
      long revision,
      List<KeyringEntry> entries,
      Function<KeyringEntry, String> bcryptLine,
      Map<String, String> extraFiles,
      int limit) {
    int budget = limit - extraFiles.values().stream().mapToInt(Keyring::bytes).sum() - 256;
    List<KeyringEntry> byAge = new ArrayList<>(entries);
    byAge.sort(Comparator.comparing(KeyringEntry::activatedAt).thenComparing(KeyringEntry::apiKey));
    List<KeyringEntry> included = new ArrayList<>();
    List<String> leftOut = new ArrayList<>();
    int used = 0;
    for (KeyringEntry entry : byAge) {
      String line = entry.credential().type() == KeyType.Basic ? bcryptLine.apply(entry) : "";
      int size = bytes(json(view(entry))) + 2 * (bytes(line) + 1) + 1;
      if (used + size > budget) {
        leftOut.add(entry.apiKey());
        continue;
      }
      used += size;
      included.add(entry);
    }
    included.sort(Comparator.comparing(KeyringEntry::apiKey).thenComparing(KeyringEntry::state));

    List<Map<String, Object>> views = included.stream().map(Keyring::view).toList();
    StringBuilder htpasswd = new StringBuilder();
    for (KeyringEntry entry : included) {
      if (entry.credential().type() == KeyType.Basic) {
        htpasswd.append(bcryptLine.apply(entry)).append('\n');
      }
    }
    String contentHash =
        Hashes.sha256Hex(
            (json(views) + "\n" + htpasswd + "\n" + json(new TreeMap<>(extraFiles)))
                .getBytes(StandardCharsets.UTF_8));

    Map<String, Object> document = new LinkedHashMap<>();
    document.put("channel", channel);
    document.put("revision", revision);
    document.put("keys", views);
    Map<String, String> data = new LinkedHashMap<>();
    data.put(KEYS_JSON, json(document));
    data.put(NGINX_HTPASSWD, htpasswd.toString());
    data.put(TRAEFIK_HTPASSWD, htpasswd.toString());
    data.putAll(extraFiles);
    return new Rendered(data, contentHash, included.size(), leftOut.stream().distinct().sorted().toList());
  }

  /** An entry as keys.json lists it. */
  private static Map<String, Object> view(KeyringEntry entry) {
    Credential credential = entry.credential();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("keyId", entry.keyId());
    view.put("apiKey", entry.apiKey());
    view.put("type", credential.type().name());
    view.put("sha256", credential.sha256());
    credential.username().ifPresent(u -> view.put("username", u));
    if (credential.type() == KeyType.HMAC) {
      view.put("hmacSecret", credential.values().get(Credential.SECRET));
    }
    view.put("notAfter", entry.notAfter().map(Timestamps::format).orElse(null));
    view.put("ipAllowlist", entry.ipAllowlist());
    view.put("state", entry.state().name());
    return view;
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("keyring content is plain data", e);
    }
  }

  private static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
