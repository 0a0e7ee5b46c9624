package dev.keysmith.playground;

import dev.keysmith.playground.ApiDispatcher.ApiRequest;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.fabric8.mockwebserver.vertx.ServerWebSocketHandler;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The HTTP side of the playground API, on Vert.x. fabric8's MockWebServer cannot be used for this:
 * it answers every request with one complete body, or a WebSocket for watches. kubectl (client-go)
 * watches over a streamed HTTP response instead, so this server streams watch events as chunked
 * JSON lines, and still offers the WebSocket upgrade that fabric8 clients try first.
 */
final class HttpFront implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(HttpFront.class);

  private final Vertx vertx = Vertx.vertx();
  private final Function<ApiRequest, Reply> dispatcher;
  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private HttpServer server;

  HttpFront(Function<ApiRequest, Reply> dispatcher) {
    this.dispatcher = dispatcher;
  }

  /** Listens on the address and port (0 = any free port); returns the port. */
  int start(String host, int port) {
    server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port));
    server.requestHandler(this::handle);
    return await(server.listen().toCompletionStage().toCompletableFuture()).actualPort();
  }

  private void handle(HttpServerRequest request) {
    if ("/metrics".equals(request.path())) {
      request
          .response()
          .putHeader("Content-Type", "text/plain; version=0.0.4")
          .end(metrics());
      return;
    }
    count(request);
    if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
      // Answered at once, on the event loop: the upgrade must happen before the request is
      // read to its end. Opening a watch only registers a listener with the store.
      Reply reply = dispatcher.apply(apiRequest(request, new byte[0]));
      if (reply instanceof Reply.Watch watch) {
        request
            .toWebSocket()
            .onSuccess(new ServerWebSocketHandler(recorded(request), upgrade(watch)));
      } else {
        respond(request.response(), (Reply.Document) reply);
      }
      return;
    }
    Context context = vertx.getOrCreateContext();
    request
        .body()
        .onSuccess(body -> dispatch(request, apiRequest(request, body.getBytes()), context));
  }

  private void dispatch(HttpServerRequest request, ApiRequest api, Context context) {
    // Off the event loop: the store locks, and garbage collection may touch many objects.
    vertx
        .executeBlocking(() -> dispatcher.apply(api), false)
        .onComplete(
            result -> {
              if (result.failed()) {
                LOG.errorf(result.cause(), "%s %s failed", api.method(), api.uri());
                respond(request.response(), internalError(result.cause()));
              } else if (result.result() instanceof Reply.Document document) {
                respond(request.response(), document);
              } else if (result.result() instanceof Reply.Watch watch) {
                stream(request, watch, context);
              }
            });
  }

  /** Counts a request by verb (as Kubernetes names them) and resource. */
  private void count(HttpServerRequest request) {
    RequestPath path = RequestPath.parse(request.uri());
    String resource = path == null ? "" : path.plural() + (path.subresource() == null ? "" : "/" + path.subresource());
    String verb = switch (request.method().name()) {
      case "GET" -> path == null ? "get"
          : "true".equals(path.query().get("watch")) || "websocket".equalsIgnoreCase(request.getHeader("Upgrade"))
              ? "watch" : path.name() == null ? "list" : "get";
      case "POST" -> "create";
      case "PUT" -> "update";
      default -> request.method().name().toLowerCase(Locale.ROOT);
    };
    requests.computeIfAbsent("verb=\"" + verb + "\",resource=\"" + resource + "\"", k -> new LongAdder()).increment();
  }

  /**
   * A real API server's apiserver_request_total counter, by verb and resource, for every request
   * served (watches included). The benchmarks sample it for request rates and counts.
   */
  private String metrics() {
    StringBuilder text = new StringBuilder("# TYPE apiserver_request_total counter\n");
    new TreeMap<>(requests).forEach((labels, count) ->
        text.append("apiserver_request_total{").append(labels).append("} ").append(count.sum()).append('\n'));
    return text.toString();
  }

  private static Reply.Document internalError(Throwable cause) {
    return new Reply.Document(
        500,
        Json.object()
            .put("kind", "Status")
            .put("apiVersion", "v1")
            .put("status", "Failure")
            .put("reason", "InternalError")
            .put("code", 500)
            .put("message", "internal error: " + cause));
  }

  private static ApiRequest apiRequest(HttpServerRequest request, byte[] body) {
    return new ApiRequest(
        request.method().name(),
        request.uri(),
        request.getHeader("Accept"),
        request.getHeader("Content-Type"),
        body);
  }

  private static RecordedRequest recorded(HttpServerRequest request) {
    return new RecordedRequest(
        "HTTP/1.1", HttpMethod.GET, request.uri(), Headers.builder().build(), new Buffer());
  }

  private static MockResponse upgrade(Reply.Watch watch) {
    return new MockResponse()
        .withWebSocketUpgrade(
            new FilteringListener(watch.listener(), watch.filter(), watch.missed()));
  }

  private static void respond(HttpServerResponse response, Reply.Document document) {
    response
        .setStatusCode(document.code())
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-cache, private");
    for (String warning : document.warnings()) {
      response.headers().add("Warning", "299 - \"" + warning.replace("\"", "\\\"") + "\"");
    }
    response.end(Json.write(document.body()));
  }

  private void stream(HttpServerRequest request, Reply.Watch watch, Context context) {
    HttpServerResponse response = request.response();
    response
        .setChunked(true)
        .setStatusCode(200)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-cache, private");
    response.writeHead();
    StreamedWatch socket = new StreamedWatch(recorded(request), response, context, watch);
    response.closeHandler(v -> socket.close(1000, "client went away"));
    if (watch.timeoutSeconds() > 0) {
      vertx.setTimer(
          TimeUnit.SECONDS.toMillis(watch.timeoutSeconds()), id -> socket.close(1000, "timeout"));
    }
    FilteringSocket filtering = new FilteringSocket(socket, watch.filter());
    watch.missed().forEach(filtering::send);
    watch.listener().onOpen(filtering, upgrade(watch));
  }

  @Override
  public void close() {
    if (server != null) {
      await(server.close().toCompletionStage().toCompletableFuture());
    }
    await(vertx.close().toCompletionStage().toCompletableFuture());
  }

  private static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the playground API server failed", e);
    }
  }

  /** A watch streamed over HTTP: one JSON event per line, until either side ends it. */
  private final class StreamedWatch implements WebSocket {

    private final RecordedRequest request;
    private final HttpServerResponse response;
    private final Context context;
    private final Reply.Watch watch;
    private final AtomicBoolean closed = new AtomicBoolean();

    StreamedWatch(
        RecordedRequest request, HttpServerResponse response, Context context, Reply.Watch watch) {
      this.request = request;
      this.response = response;
      this.context = context;
      this.watch = watch;
    }

    @Override
    public RecordedRequest request() {
      return request;
    }

    @Override
    public boolean send(String text) {
      if (closed.get()) {
        return false;
      }
      // Through the connection's event loop, in order: the store sends from its own thread.
      context.runOnContext(
          v -> {
            if (!closed.get() && !response.ended()) {
              response.write(text + "\n");
            }
          });
      return true;
    }

    @Override
    public boolean send(byte[] bytes) {
      return send(new String(bytes, StandardCharsets.UTF_8));
    }

    @Override
    public boolean close(int code, String reason) {
      if (!closed.compareAndSet(false, true)) {
        return false;
      }
      context.runOnContext(
          v -> {
            if (!response.ended() && !response.closed()) {
              response.end();
            }
          });
      // The store's listener waits for its sender thread to stop: not on the event loop.
      vertx.executeBlocking(
          () -> {
            watch.listener().onClosed(this, code, reason);
            return null;
          },
          false);
      return true;
    }
  }

  /** Applies a {@link WatchFilter} to what the store sends through a socket. */
  private static final class FilteringSocket implements WebSocket {

    private final WebSocket delegate;
    private final WatchFilter filter;

    FilteringSocket(WebSocket delegate, WatchFilter filter) {
      this.delegate = delegate;
      this.filter = filter;
    }

    @Override
    public RecordedRequest request() {
      return delegate.request();
    }

    @Override
    public boolean send(String text) {
      String event = filter.transform(text);
      return event == null || delegate.send(event);
    }

    @Override
    public boolean send(byte[] bytes) {
      return send(new String(bytes, StandardCharsets.UTF_8));
    }

    @Override
    public boolean close(int code, String reason) {
      return delegate.close(code, reason);
    }
  }

  /** Gives the store's watch listener a filtering socket when a client watches over WebSocket. */
  private static final class FilteringListener extends WebSocketListener {

    private final WebSocketListener delegate;
    private final WatchFilter filter;
    private final List<String> missed;
    private volatile WebSocket filtering;

    FilteringListener(WebSocketListener delegate, WatchFilter filter, List<String> missed) {
      this.delegate = delegate;
      this.filter = filter;
      this.missed = missed;
    }

    private WebSocket wrap(WebSocket socket) {
      if (filtering == null) {
        filtering = new FilteringSocket(socket, filter);
      }
      return filtering;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      missed.forEach(wrap(webSocket)::send);
      delegate.onOpen(wrap(webSocket), response);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      delegate.onClosing(wrap(webSocket), code, reason);
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
      delegate.onClosed(wrap(webSocket), code, reason);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable error, Response response) {
      delegate.onFailure(wrap(webSocket), error, response);
    }
  }
}
