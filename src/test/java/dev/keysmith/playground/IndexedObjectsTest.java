package dev.keysmith.playground;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The playground's store finds objects through an index instead of scanning every object on every
 * request; it must answer exactly as the unindexed store does.
 */
class IndexedObjectsTest {

  private static final List<String> NAMESPACES = List.of("a", "b", "c");
  private static final List<String> NAMES = List.of("x", "y", "z");

  @Test
  void theIndexedStoreAnswersEveryRequestAsTheScanningStoreDoes() {
    Store store = new Store();
    Reference reference = new Reference();
    for (String ns : NAMESPACES) {
      for (String name : NAMES) {
        for (String plural : List.of("secrets", "configmaps")) {
          String kind = plural.equals("secrets") ? "Secret" : "ConfigMap";
          String body = "{\"apiVersion\":\"v1\",\"kind\":\"" + kind + "\",\"metadata\":{\"name\":\"" + name
              + "\",\"namespace\":\"" + ns + "\",\"labels\":{\"app\":\"" + name + "\"}}}";
          String path = "/api/v1/namespaces/" + ns + "/" + plural;
          assertThat(store.send(HttpMethod.POST, path, body).code()).isEqualTo(reference.send(HttpMethod.POST, path, body));
        }
      }
      String namespace = "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + ns + "\"}}";
      store.send(HttpMethod.POST, "/api/v1/namespaces", namespace);
      reference.send(HttpMethod.POST, "/api/v1/namespaces", namespace);
    }
    List<String> reads = new ArrayList<>();
    for (String ns : NAMESPACES) {
      reads.add("/api/v1/namespaces/" + ns + "/secrets");
      reads.add("/api/v1/namespaces/" + ns + "/configmaps?labelSelector=app%3Dy");
      reads.add("/api/v1/namespaces/" + ns);
      for (String name : NAMES) {
        reads.add("/api/v1/namespaces/" + ns + "/secrets/" + name);
      }
      reads.add("/api/v1/namespaces/" + ns + "/secrets/missing");
    }
    reads.add("/api/v1/secrets");
    reads.add("/api/v1/configmaps");
    reads.add("/api/v1/namespaces");
    // A change through each kind of write, then every read again.
    String replaced = "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"y\",\"namespace\":\"b\",\"labels\":{\"app\":\"changed\"}}}";
    List<String[]> writes = List.of(
        new String[] {"PUT", "/api/v1/namespaces/b/secrets/y", replaced},
        new String[] {"PATCH", "/api/v1/namespaces/c/configmaps/z", "[{\"op\":\"add\",\"path\":\"/data\",\"value\":{\"k\":\"v\"}}]"},
        new String[] {"DELETE", "/api/v1/namespaces/a/secrets/x", null});
    for (String[] write : writes) {
      HttpMethod method = HttpMethod.valueOf(write[0]);
      assertThat(store.send(method, write[1], write[2]).code()).as(write[0] + " " + write[1])
          .isEqualTo(reference.send(method, write[1], write[2]));
      for (String read : reads) {
        assertThat(comparable(Store.bodyOf(store.send(HttpMethod.GET, read, null))))
            .as("GET %s after %s %s", read, write[0], write[1])
            .isEqualTo(comparable(reference.body(read)));
      }
    }
  }

  @Test
  void aRequestForOneObjectLooksAtThatObjectOnly() {
    IndexedObjects objects = new IndexedObjects();
    KubernetesCrudDispatcher extractor = new KubernetesCrudDispatcher();
    for (int i = 0; i < 1_000; i++) {
      String path = "/api/v1/namespaces/ns/secrets/s" + i;
      objects.put(extractor.getAttributeExtractor().fromPath(path), "{}");
    }
    AttributeSet one = extractor.getAttributeExtractor().fromPath("/api/v1/namespaces/ns/secrets/s7");
    assertThat(objects.scoped(one, objects::entrySet)).extracting(Map.Entry::getKey).containsExactly(one);
    assertThat(objects.scoped(extractor.getAttributeExtractor().fromPath("/api/v1/namespaces/ns/secrets"), objects::entrySet))
        .hasSize(1_000);
    assertThat(objects.find(one).getKey()).isEqualTo(one);
    objects.remove(one);
    assertThat(objects.find(one)).isNull();
    assertThat(objects).hasSize(999);
  }

  /** Uids come from one counter shared by both stores, so they differ; nothing else may. */
  private static String comparable(String body) {
    return body.replaceAll("\"uid\":\"[^\"]*\"", "\"uid\":\"-\"")
        .replaceAll("\"creationTimestamp\":\"[^\"]*\"", "\"creationTimestamp\":\"-\"");
  }

  /** fabric8's dispatcher as it comes: every request scans every object. */
  private static final class Reference {
    private final KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();

    int send(HttpMethod method, String path, String body) {
      return crud.dispatch(request(method, path, body)).code();
    }

    String body(String path) {
      return Store.bodyOf(crud.dispatch(request(HttpMethod.GET, path, null)));
    }

    private static io.fabric8.mockwebserver.http.RecordedRequest request(HttpMethod method, String path, String body) {
      io.fabric8.mockwebserver.http.Headers.Builder headers = io.fabric8.mockwebserver.http.Headers.builder();
      if (body != null) {
        headers.add("Content-Type", "application/json"); // as Store sends it
      }
      return new io.fabric8.mockwebserver.http.RecordedRequest("HTTP/1.1", method, path, headers.build(),
          new io.fabric8.mockwebserver.http.Buffer(body == null ? new byte[0] : body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
  }
}
