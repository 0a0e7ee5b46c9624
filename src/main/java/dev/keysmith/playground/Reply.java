package dev.keysmith.playground;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.List;

/** What the API answers to one request: a JSON document, or a watch to stream. */
sealed interface Reply {

  /** A complete JSON response, with the {@code Warning} headers kubectl prints. */
  record Document(int code, JsonNode body, List<String> warnings) implements Reply {
    Document(int code, JsonNode body) {
      this(code, body, List.of());
    }
  }

  /**
   * A watch: first the {@code missed} events (deletions since the watch's resourceVersion), then
   * what the store's listener feeds through the filter until the client leaves or {@code
   * timeoutSeconds} (0 = none) pass.
   */
  record Watch(
      WebSocketListener listener, WatchFilter filter, long timeoutSeconds, List<String> missed)
      implements Reply {}
}
