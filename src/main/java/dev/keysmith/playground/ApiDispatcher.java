package dev.keysmith.playground;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes one API request: discovery and OpenAPI are answered here, reads go to the store and are
 * filtered and printed here, writes go through {@link Writes}. Only the resource types of the
 * {@link Catalog} are served; anything else is 404, as on a cluster without that API.
 */
final class ApiDispatcher {

  private static final Pattern GROUP_VERSION = Pattern.compile("/apis/([^/]+)/([^/]+)/?");

  private final Store store;
  private final Catalog catalog;
  private final Discovery discovery;
  private final OpenApi openApi;
  private final Writes writes;
  private final Deletions deletions = new Deletions();
  private final Clock clock;
  private final String serverAddress;

  ApiDispatcher(Store store, Catalog catalog, Clock clock, String serverAddress) {
    this.store = store;
    this.catalog = catalog;
    this.discovery = new Discovery(catalog);
    this.openApi = new OpenApi(catalog);
    this.writes = new Writes(store, catalog, deletions);
    this.clock = clock;
    this.serverAddress = serverAddress;
  }

  /** One HTTP request as the dispatcher needs it. */
  record ApiRequest(String method, String uri, String accept, String contentType, byte[] body) {

    /** The body as JSON text, decoded from protobuf when kubectl sent that. */
    String json() {
      return ProtobufBodies.isProtobuf(contentType)
          ? Json.write(ProtobufBodies.decode(body))
          : new String(body, StandardCharsets.UTF_8);
    }
  }

  Reply dispatch(ApiRequest request) {
    try {
      Optional<JsonNode> review = selfSubjectReview(request);
      if (review.isPresent()) {
        return new Reply.Document(201, review.get());
      }
      if (request.method().equals("GET")) {
        Optional<JsonNode> document = nonResourceDocument(request.uri());
        if (document.isPresent()) {
          return new Reply.Document(200, document.get());
        }
      }
      RequestPath path = RequestPath.parse(request.uri());
      ApiResource resource = path == null ? null : resourceOf(path);
      if (resource == null) {
        throw ApiException.notServed();
      }
      return switch (request.method()) {
        case "GET" ->
            path.isCollection()
                ? "true".equals(path.param("watch"))
                    ? watch(path, resource, request)
                    : list(path, resource, request)
                : get(path, resource, request);
        case "POST" -> writes.create(path, resource, request.json());
        case "PUT" -> writes.update(path, resource, request.json());
        case "PATCH" -> writes.patch(path, resource, request.contentType(), request.json());
        case "DELETE" ->
            path.isCollection()
                ? writes.deleteCollection(path, resource, listed(path).items())
                : writes.delete(path, resource, request.json());
        default -> throw ApiException.methodNotAllowed(request.method() + " is not supported");
      };
    } catch (ApiException e) {
      return new Reply.Document(e.code(), e.status());
    }
  }

  /**
   * The playground has one user who may do everything, so self-subject reviews (the operator SDK
   * checks its Lease permissions with one before leader election; {@code kubectl auth can-i} uses
   * the other) allow everything, as a cluster-admin's would.
   */
  private static Optional<JsonNode> selfSubjectReview(ApiRequest request) {
    if (!request.method().equals("POST")) {
      return Optional.empty();
    }
    String path = request.uri().split("\\?", 2)[0];
    if (!path.startsWith("/apis/authorization.k8s.io/v1/")) {
      return Optional.empty();
    }
    JsonNode body = Json.parse(request.json());
    ObjectNode review = body.isObject() ? ((ObjectNode) body).deepCopy() : Json.object();
    ObjectNode status = review.putObject("status");
    switch (path.substring("/apis/authorization.k8s.io/v1/".length())) {
      case "selfsubjectrulesreviews" -> {
        ObjectNode everything = status.putArray("resourceRules").addObject();
        everything.putArray("verbs").add("*");
        everything.putArray("apiGroups").add("*");
        everything.putArray("resources").add("*");
        ObjectNode nonResource = status.putArray("nonResourceRules").addObject();
        nonResource.putArray("verbs").add("*");
        nonResource.putArray("nonResourceURLs").add("*");
        status.put("incomplete", false);
      }
      case "selfsubjectaccessreviews" -> status.put("allowed", true);
      default -> {
        return Optional.empty();
      }
    }
    return Optional.of(review);
  }

  private Optional<JsonNode> nonResourceDocument(String uri) {
    String path = uri.split("\\?", 2)[0];
    switch (path) {
      case "/version", "/version/":
        return Optional.of(Discovery.version());
      case "/api", "/api/":
        return Optional.of(Discovery.coreVersions(serverAddress));
      case "/apis", "/apis/":
        return Optional.of(discovery.groups());
      case "/api/v1", "/api/v1/":
        return Optional.of(discovery.resources("", "v1").orElseThrow());
      case "/openapi/v3", "/openapi/v3/":
        return Optional.of(openApi.index());
      default:
        break;
    }
    if (path.startsWith("/openapi/v3/")) {
      return Optional.of(
          openApi
              .document(path.substring("/openapi/v3/".length()))
              .orElseThrow(ApiException::notServed));
    }
    Matcher groupVersion = GROUP_VERSION.matcher(path);
    if (groupVersion.matches()) {
      return Optional.of(
          discovery
              .resources(groupVersion.group(1), groupVersion.group(2))
              .orElseThrow(ApiException::notServed));
    }
    return Optional.empty();
  }

  private ApiResource resourceOf(RequestPath path) {
    ApiResource resource = catalog.find(path.group(), path.version(), path.plural()).orElse(null);
    if (resource == null
        || path.subresource() != null
            && !(path.subresource().equals("status") && resource.hasStatus())
        || path.namespace() != null && !resource.namespaced()
        || path.namespace() == null && resource.namespaced() && !path.isCollection()) {
      return null;
    }
    return resource;
  }

  private Reply get(RequestPath path, ApiResource resource, ApiRequest request) {
    ObjectNode object =
        store
            .get(path.objectPath(false))
            .orElseThrow(() -> ApiException.notFound(resource.qualifiedPlural(), path.name()));
    if (Tables.wanted(request.accept())) {
      return new Reply.Document(
          200,
          Tables.table(
              resource,
              List.of(object),
              Json.text(object, "metadata.resourceVersion"),
              path.param("includeObject"),
              clock.instant()));
    }
    return new Reply.Document(200, object);
  }

  private Reply list(RequestPath path, ApiResource resource, ApiRequest request) {
    Store.StoredList listed = listed(path);
    if (Tables.wanted(request.accept())) {
      return new Reply.Document(
          200,
          Tables.table(
              resource,
              listed.items(),
              listed.resourceVersion(),
              path.param("includeObject"),
              clock.instant()));
    }
    ObjectNode list =
        Json.object()
            .put("apiVersion", resource.apiVersion())
            .put("kind", resource.kind() + "List");
    list.putObject("metadata").put("resourceVersion", listed.resourceVersion());
    list.putArray("items").addAll(listed.items());
    return new Reply.Document(200, list);
  }

  /** The objects at a collection path that match the request's selectors. */
  private Store.StoredList listed(RequestPath path) {
    Store.StoredList stored = store.list(path.objectPath(false) + storeQuery(path, false));
    Predicate<JsonNode> selected = selector(path);
    return new Store.StoredList(
        stored.items().stream().filter(selected).toList(), stored.resourceVersion());
  }

  private Reply watch(RequestPath path, ApiResource resource, ApiRequest request) {
    MockResponse response =
        store.send(HttpMethod.GET, path.objectPath(false) + storeQuery(path, true), null);
    long since;
    try {
      since = Long.parseLong(Optional.ofNullable(path.param("resourceVersion")).orElse("0"));
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("invalid resourceVersion: " + path.param("resourceVersion"));
    }
    WatchFilter filter =
        new WatchFilter(
            resource.apiVersion(),
            since,
            selector(path),
            Tables.wanted(request.accept()) ? resource : null,
            path.param("includeObject"),
            clock);
    long timeout = Long.parseLong(Optional.ofNullable(path.param("timeoutSeconds")).orElse("0"));
    return new Reply.Watch(
        response.getWebSocketListener(), filter, timeout, missed(path, resource, since));
  }

  /**
   * The events a watch from {@code since} missed that the store cannot send: the deletions after
   * it, or, when those are forgotten, a 410 Gone error that makes the client list again.
   */
  private List<String> missed(RequestPath path, ApiResource resource, long since) {
    if (since <= 0) {
      return List.of();
    }
    Optional<List<ObjectNode>> deleted =
        deletions.since(
            since, resource.apiVersion(), resource.kind(), path.namespace(), selector(path));
    if (deleted.isEmpty()) {
      ObjectNode status =
          Json.object()
              .put("kind", "Status")
              .put("apiVersion", "v1")
              .put("status", "Failure")
              .put("message", "too old resource version: " + since)
              .put("reason", "Expired")
              .put("code", 410);
      ObjectNode error = Json.object().put("type", "ERROR");
      error.set("object", status);
      return List.of(Json.write(error));
    }
    return deleted.get().stream()
        .map(
            object -> {
              ObjectNode event = Json.object().put("type", "DELETED");
              event.set("object", object);
              return Json.write(event);
            })
        .toList();
  }

  private static Predicate<JsonNode> selector(RequestPath path) {
    return Selectors.labels(path.param("labelSelector"))
        .and(Selectors.fields(path.param("fieldSelector")));
  }

  /** The part of the request's query that the store understands. */
  private static String storeQuery(RequestPath path, boolean watch) {
    StringBuilder query = new StringBuilder();
    String labels = Selectors.forStoreLabels(path.param("labelSelector"));
    String fields = Selectors.forStoreFields(path.param("fieldSelector"));
    // Not URL-encoded: the store reads a watch's metadata.name from the raw query, and these
    // terms only hold characters that need no encoding.
    if (!labels.isEmpty()) {
      query.append("&labelSelector=").append(labels);
    }
    if (!fields.isEmpty()) {
      query.append("&fieldSelector=").append(fields);
    }
    if (watch) {
      query.append("&watch=true");
    }
    return query.length() == 0 ? "" : "?" + query.substring(1);
  }
}
