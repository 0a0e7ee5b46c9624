package dev.keysmith.playground;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A resource request's path, split the way the API server routes it: {@code
 * /api/v1[/namespaces/{ns}]/{plural}[/{name}[/{subresource}]]} or the same under {@code
 * /apis/{group}/{version}}, plus its decoded query parameters.
 */
record RequestPath(
    String group,
    String version,
    String namespace,
    String plural,
    String name,
    String subresource,
    Map<String, String> query) {

  /** The path of a resource request, or null for anything else (discovery, OpenAPI, ...). */
  static RequestPath parse(String uri) {
    int q = uri.indexOf('?');
    String path = q < 0 ? uri : uri.substring(0, q);
    Map<String, String> query = q < 0 ? Map.of() : parseQuery(uri.substring(q + 1));
    List<String> segments =
        new ArrayList<>(Arrays.asList(path.replaceAll("^/+|/+$", "").split("/")));
    String group;
    String version;
    if (segments.size() >= 3 && segments.get(0).equals("api")) {
      group = "";
      version = segments.get(1);
      segments = segments.subList(2, segments.size());
    } else if (segments.size() >= 4 && segments.get(0).equals("apis")) {
      group = segments.get(1);
      version = segments.get(2);
      segments = segments.subList(3, segments.size());
    } else {
      return null;
    }
    String namespace = null;
    // namespaces/{ns}/{plural}/... addresses a namespaced resource, except the subresources of
    // a Namespace itself (namespaces/{name}/status and /finalize).
    if (segments.size() >= 3
        && segments.get(0).equals("namespaces")
        && !(segments.size() == 3 && List.of("status", "finalize").contains(segments.get(2)))) {
      namespace = segments.get(1);
      segments = segments.subList(2, segments.size());
    }
    if (segments.isEmpty() || segments.size() > 3) {
      return null;
    }
    return new RequestPath(
        group,
        version,
        namespace,
        segments.get(0),
        segments.size() > 1 ? segments.get(1) : null,
        segments.size() > 2 ? segments.get(2) : null,
        query);
  }

  static Map<String, String> parseQuery(String query) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      params.put(key, value);
    }
    return params;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  boolean isCollection() {
    return name == null;
  }

  String param(String key) {
    return query.get(key);
  }

  String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** The group/version prefix, e.g. {@code /apis/keysmith.dev/v1alpha1} or {@code /api/v1}. */
  String groupVersionPrefix() {
    return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
  }

  /** The path of this request without query, optionally without its subresource. */
  String objectPath(boolean withSubresource) {
    StringBuilder path = new StringBuilder(groupVersionPrefix());
    if (namespace != null) {
      path.append("/namespaces/").append(namespace);
    }
    path.append('/').append(plural);
    if (name != null) {
      path.append('/').append(name);
      if (withSubresource && subresource != null) {
        path.append('/').append(subresource);
      }
    }
    return path.toString();
  }
}
