package dev.keysmith.playground;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.CrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The object store: fabric8's CRUD mock dispatcher, called in-process. It keeps objects and their
 * uid, resourceVersion, generation, finalizers and status-subresource rules, and feeds watches;
 * everything a real API server adds on top lives in {@link ApiDispatcher}.
 */
final class Store {

  private final IndexedObjects objects = new IndexedObjects();
  private final KubernetesCrudDispatcher crud = new IndexedCrudDispatcher(objects);

  Store() {
    // The dispatcher's own map is scanned in full on every request; ours is indexed. The field
    // is final and not exposed for replacement, hence reflection, once, before any request.
    try {
      Field map = CrudDispatcher.class.getDeclaredField("map");
      map.setAccessible(true);
      map.set(crud, objects);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot index fabric8's CRUD store", e);
    }
  }

  /** Sends a request to the store. Paths carry no query except what the store understands. */
  MockResponse send(HttpMethod method, String path, String body) {
    Headers.Builder headers = Headers.builder();
    if (body != null) {
      headers.add("Content-Type", "application/json");
    }
    RecordedRequest request =
        new RecordedRequest(
            "HTTP/1.1",
            method,
            path,
            headers.build(),
            new Buffer(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)));
    return objects.scoped(crud.getAttributeExtractor().fromPath(path), () -> crud.dispatch(request));
  }

  /** A new resourceVersion, e.g. for a deletion (the store stamps none on those). */
  long nextResourceVersion() {
    return crud.requestResourceVersion();
  }

  Optional<ObjectNode> get(String path) {
    MockResponse response = send(HttpMethod.GET, path, null);
    if (response.code() != 200 || bodyOf(response).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Json.parseObject(bodyOf(response)));
  }

  /** The list at a collection path: its items and the store's current resourceVersion. */
  StoredList list(String path) {
    MockResponse response = send(HttpMethod.GET, path, null);
    ObjectNode list = Json.parseObject(bodyOf(response));
    // The store matches a core path such as /api/v1/events by version and plural only, so it
    // also lists the events.k8s.io/v1 events: keep what belongs to the requested group.
    String apiVersion = RequestPath.parse(path).apiVersion();
    List<ObjectNode> items = new ArrayList<>();
    for (JsonNode item : list.path("items")) {
      if (apiVersion.equals(item.path("apiVersion").asText())) {
        items.add((ObjectNode) item);
      }
    }
    return new StoredList(items, list.path("metadata").path("resourceVersion").asText(""));
  }

  static String bodyOf(MockResponse response) {
    // getBytes, not readUtf8: reading would drain the buffer for the next reader.
    return response.getBody() == null
        ? ""
        : new String(response.getBody().getBytes(), StandardCharsets.UTF_8);
  }

  /** fabric8's dispatcher, finding single objects through the index instead of a full scan. */
  private static final class IndexedCrudDispatcher extends KubernetesCrudDispatcher {

    private final IndexedObjects objects;

    IndexedCrudDispatcher(IndexedObjects objects) {
      this.objects = objects;
    }

    @Override
    public Map.Entry<AttributeSet, String> findResource(AttributeSet attributes) {
      return objects.find(attributes);
    }
  }

  record StoredList(List<ObjectNode> items, String resourceVersion) {}
}
