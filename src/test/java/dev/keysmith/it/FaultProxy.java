package dev.keysmith.it;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reverse proxy between the operator and the API server that misbehaves on purpose. While faults
 * are on, it answers a share of the requests itself with a Kubernetes {@code Status}: 500 (the
 * request never reached the server), 500 after forwarding (the write happened, its answer is lost),
 * 409 on writes, and 429 with {@code Retry-After}; and it cuts open watches (WebSocket upgrades,
 * which fabric8 clients use, and streamed HTTP watches) by closing their connections. Everything
 * else is forwarded as it is, watches streamed. It counts what it did.
 */
final class FaultProxy implements AutoCloseable {

  /** How a request was faulted, as the figures name it. */
  enum Fault {
    INTERNAL_ERROR("500"),
    LOST_RESPONSE("500 after the write"),
    CONFLICT("409"),
    TOO_MANY_REQUESTS("429");

    final String label;

    Fault(String label) {
      this.label = label;
    }
  }

  private static final Set<String> HOP_BY_HOP =
      Set.of("connection", "keep-alive", "transfer-encoding", "upgrade", "host", "content-length",
          "proxy-connection", "te", "trailer");
  private static final int MAX_FRAME = 64 * 1024 * 1024;

  private final Vertx vertx = Vertx.vertx();
  private final String upstreamHost;
  private final int upstreamPort;
  private final HttpClient http;
  private final WebSocketClient webSockets;
  private final Random random;
  private final Map<Fault, AtomicInteger> faulted = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger requestsDuringFaults = new AtomicInteger();
  private final AtomicInteger watchesOpened = new AtomicInteger();
  private final AtomicInteger watchesCut = new AtomicInteger();
  private final Set<OpenWatch> openWatches = ConcurrentHashMap.newKeySet();
  private HttpServer server;
  private volatile double rate;
  private volatile boolean cutting;
  private long cutter = -1;

  FaultProxy(String upstreamHost, int upstreamPort, long seed) {
    this.upstreamHost = upstreamHost;
    this.upstreamPort = upstreamPort;
    this.random = new Random(seed);
    this.http = vertx.createHttpClient(
        new HttpClientOptions().setMaxPoolSize(64).setKeepAlive(true).setMaxWebSocketFrameSize(MAX_FRAME));
    this.webSockets = vertx.createWebSocketClient(
        new WebSocketClientOptions().setMaxFrameSize(MAX_FRAME).setMaxMessageSize(MAX_FRAME).setMaxConnections(256));
    for (Fault fault : Fault.values()) {
      faulted.put(fault, new AtomicInteger());
    }
  }

  /** Listens on 127.0.0.1 at a free port, and returns it. */
  int start() {
    server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
        .setMaxWebSocketFrameSize(MAX_FRAME).setMaxWebSocketMessageSize(MAX_FRAME));
    server.requestHandler(this::handle);
    return await(server.listen()).actualPort();
  }

  /**
   * Turns faults on: each request is faulted with probability {@code rate}, and every {@code
   * cutEveryMillis} each open watch is cut with probability one half.
   */
  synchronized void startFaults(double rate, long cutEveryMillis) {
    this.rate = rate;
    this.cutting = true;
    cutter = vertx.setPeriodic(cutEveryMillis, id -> cutSomeWatches());
  }

  /** Turns faults off: from now on everything is forwarded and no watch is cut. */
  synchronized void stopFaults() {
    rate = 0;
    cutting = false;
    if (cutter >= 0) {
      vertx.cancelTimer(cutter);
      cutter = -1;
    }
  }

  int requests() {
    return requests.get();
  }

  /** Requests received while faults were on. */
  int requestsDuringFaults() {
    return requestsDuringFaults.get();
  }

  int faulted(Fault fault) {
    return faulted.get(fault).get();
  }

  int faultedTotal() {
    return faulted.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  int watchesOpened() {
    return watchesOpened.get();
  }

  int watchesCut() {
    return watchesCut.get();
  }

  /** Counts by fault, in a stable order. */
  Map<String, Integer> faultCounts() {
    Map<String, Integer> counts = new TreeMap<>();
    faulted.forEach((fault, count) -> counts.put(fault.label, count.get()));
    return counts;
  }

  private void handle(HttpServerRequest request) {
    requests.incrementAndGet();
    if (rate > 0) {
      requestsDuringFaults.incrementAndGet();
    }
    boolean upgrade = "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
    Fault fault = decide(request.method(), upgrade);
    if (fault != null && fault != Fault.LOST_RESPONSE) {
      count(fault);
      // The body is not read: the connection is closed after the answer, as servers do then.
      reply(request.response().putHeader("Connection", "close"), fault);
      return;
    }
    if (upgrade) {
      proxyWebSocket(request);
      return;
    }
    request.body().onSuccess(body -> forward(request, body, fault)).onFailure(e -> request.connection().close());
  }

  /** A fault for this request, or null to forward it. 409 and lost answers only for writes. */
  private synchronized Fault decide(HttpMethod method, boolean upgrade) {
    if (rate <= 0 || random.nextDouble() >= rate) {
      return null;
    }
    boolean write = !upgrade && method != HttpMethod.GET && method != HttpMethod.HEAD;
    Fault[] choices = write ? Fault.values() : new Fault[] {Fault.INTERNAL_ERROR, Fault.TOO_MANY_REQUESTS};
    return choices[random.nextInt(choices.length)];
  }

  private void count(Fault fault) {
    faulted.get(fault).incrementAndGet();
  }

  private void forward(HttpServerRequest request, Buffer body, Fault fault) {
    RequestOptions options = new RequestOptions()
        .setMethod(request.method())
        .setHost(upstreamHost)
        .setPort(upstreamPort)
        .setURI(request.uri());
    copyHeaders(request.headers(), options::addHeader);
    HttpServerResponse response = request.response();
    http.request(options)
        .compose(upstream -> upstream.send(body))
        .onSuccess(answer -> {
          if (fault == Fault.LOST_RESPONSE && answer.statusCode() < 300) {
            // The server did the write; the client is told it failed.
            count(fault);
            answer.body().onComplete(ignored -> reply(response, fault));
          } else if (isWatch(request) && answer.statusCode() == 200) {
            stream(request, answer);
          } else {
            answer.body().onSuccess(content -> {
              response.setStatusCode(answer.statusCode());
              copyHeaders(answer.headers(), response::putHeader);
              response.end(content);
            }).onFailure(e -> request.connection().close());
          }
        })
        .onFailure(e -> {
          if (!response.ended() && !response.closed()) {
            response.setStatusCode(502).end();
          }
        });
  }

  /** A watch over a streamed HTTP response: passed on chunk by chunk until either side ends it. */
  private void stream(HttpServerRequest request, HttpClientResponse answer) {
    HttpServerResponse response = request.response();
    response.setStatusCode(200).setChunked(true);
    copyHeaders(answer.headers(), response::putHeader);
    HttpConnection client = request.connection();
    HttpConnection upstream = answer.request().connection();
    OpenWatch watch = new OpenWatch(() -> {
      client.close();
      upstream.close();
    });
    opened(watch);
    response.closeHandler(v -> {
      openWatches.remove(watch);
      upstream.close();
    });
    answer.pipeTo(response).onComplete(done -> openWatches.remove(watch));
  }

  /** A watch over WebSocket: upgraded here at once, then connected upstream and relayed. */
  private void proxyWebSocket(HttpServerRequest request) {
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost(upstreamHost)
        .setPort(upstreamPort)
        .setURI(request.uri());
    request.headers().forEach(header -> {
      String name = header.getKey().toLowerCase();
      if (!HOP_BY_HOP.contains(name) && !name.startsWith("sec-websocket-")) {
        options.addHeader(header.getKey(), header.getValue());
      }
    });
    String protocol = request.getHeader("Sec-WebSocket-Protocol");
    if (protocol != null) {
      options.addSubProtocol(protocol);
    }
    HttpConnection connection = request.connection();
    request.toWebSocket().onSuccess(downstream -> {
      downstream.pause();
      webSockets.connect(options)
          .onSuccess(upstream -> relay(downstream, connection, upstream))
          .onFailure(e -> downstream.close((short) 1011, "upstream unavailable"));
    });
  }

  private void relay(ServerWebSocket downstream, HttpConnection connection, WebSocket upstream) {
    OpenWatch watch = new OpenWatch(() -> {
      // Abruptly, as a broken network would: the client's TCP connection closes, no close frame.
      connection.close();
      upstream.close();
    });
    opened(watch);
    upstream.textMessageHandler(downstream::writeTextMessage);
    upstream.binaryMessageHandler(downstream::writeBinaryMessage);
    downstream.textMessageHandler(upstream::writeTextMessage);
    downstream.binaryMessageHandler(upstream::writeBinaryMessage);
    upstream.closeHandler(v -> {
      openWatches.remove(watch);
      if (!downstream.isClosed()) {
        downstream.close();
      }
    });
    downstream.closeHandler(v -> {
      openWatches.remove(watch);
      if (!upstream.isClosed()) {
        upstream.close();
      }
    });
    downstream.resume();
  }

  private void opened(OpenWatch watch) {
    watchesOpened.incrementAndGet();
    openWatches.add(watch);
  }

  private void cutSomeWatches() {
    if (!cutting) {
      return;
    }
    for (OpenWatch watch : openWatches) {
      boolean cut;
      synchronized (this) {
        cut = random.nextBoolean();
      }
      if (cut && openWatches.remove(watch)) {
        watchesCut.incrementAndGet();
        watch.cut().run();
      }
    }
  }

  private static boolean isWatch(HttpServerRequest request) {
    String watch = request.getParam("watch");
    return "true".equals(watch) || "1".equals(watch);
  }

  private static void copyHeaders(MultiMap headers, java.util.function.BiConsumer<String, String> to) {
    headers.forEach(header -> {
      if (!HOP_BY_HOP.contains(header.getKey().toLowerCase())) {
        to.accept(header.getKey(), header.getValue());
      }
    });
  }

  /** Answers with the fault's status and a Kubernetes Status body, as the API server would. */
  private static void reply(HttpServerResponse response, Fault fault) {
    if (response.ended() || response.closed()) {
      return;
    }
    int code;
    String reason;
    String message;
    switch (fault) {
      case CONFLICT -> {
        code = 409;
        reason = "Conflict";
        message = "Operation cannot be fulfilled: the object has been modified; please apply your changes to the latest version and try again (injected)";
      }
      case TOO_MANY_REQUESTS -> {
        code = 429;
        reason = "TooManyRequests";
        message = "the server has received too many requests and has asked us to try again later (injected)";
        response.putHeader("Retry-After", "1");
      }
      default -> {
        code = 500;
        reason = "InternalError";
        message = "an error on the server has prevented the request from succeeding (injected)";
      }
    }
    JsonObject status = new JsonObject()
        .put("kind", "Status")
        .put("apiVersion", "v1")
        .put("metadata", new JsonObject())
        .put("status", "Failure")
        .put("message", message)
        .put("reason", reason)
        .put("code", code);
    if (fault == Fault.TOO_MANY_REQUESTS) {
      status.put("details", new JsonObject().put("retryAfterSeconds", 1));
    }
    response.setStatusCode(code).putHeader("Content-Type", "application/json").end(status.encode());
  }

  @Override
  public void close() {
    stopFaults();
    openWatches.forEach(w -> w.cut().run());
    if (server != null) {
      await(server.close());
    }
    await(vertx.close());
  }

  private static <T> T await(Future<T> future) {
    CompletableFuture<T> done = future.toCompletionStage().toCompletableFuture();
    try {
      return done.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the fault proxy failed", e);
    }
  }

  /** An open watch, and how to cut it. */
  private record OpenWatch(Runnable cut) {
    @Override
    public boolean equals(Object other) {
      return this == other;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(this);
    }
  }
}
