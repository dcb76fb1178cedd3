package onewindow.zeebe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.camunda.zeebe.process.test.engine.EngineFactory;
import io.camunda.zeebe.protocol.record.Record;
import io.grpc.ServerBuilder;
import io.grpc.ServerProvider;
import io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The real Zeebe 8.5 workflow engine (zeebe-process-test-engine: the broker's engine on an in-memory
 * log behind a gRPC gateway) for the OneWindow test suite. Binds to 127.0.0.1 only and offers a
 * loopback side door (HTTP) for what the gateway API has no call for: moving the engine clock and
 * reading the record stream (element events, incidents).
 *
 * <p>Prints one line {@code READY grpc=127.0.0.1:P http=127.0.0.1:Q} when it serves.
 * Side door: {@code GET /clock}, {@code POST /clock?ms=N} (increase time), {@code GET
 * /records?after=POSITION&types=PROCESS_INSTANCE,INCIDENT} (events as a JSON array).
 */
public final class ZeebeTestEngine {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static long clockOffsetMs = 0;

  /** gRPC's ServerBuilder.forPort(port) binds every interface; this provider binds loopback only. */
  public static final class LoopbackServerProvider extends ServerProvider {
    @Override
    protected boolean isAvailable() {
      return true;
    }

    @Override
    protected int priority() {
      return 10; // above grpc-netty's own provider (5)
    }

    @Override
    protected ServerBuilder<?> builderForPort(int port) {
      return NettyServerBuilder.forAddress(new InetSocketAddress(LOOPBACK, port));
    }
  }

  public static void main(String[] args) throws Exception {
    int grpcPort = args.length > 0 ? Integer.parseInt(args[0]) : freePort();
    int httpPort = args.length > 1 ? Integer.parseInt(args[1]) : freePort();
    var engine = EngineFactory.create(grpcPort);
    engine.start();

    HttpServer http = HttpServer.create(new InetSocketAddress(LOOPBACK, httpPort), 16);
    http.createContext("/clock", exchange -> {
      synchronized (engine) {
        if ("POST".equals(exchange.getRequestMethod())) {
          long ms = Long.parseLong(query(exchange.getRequestURI()).getOrDefault("ms", "0"));
          engine.increaseTime(Duration.ofMillis(ms));
          clockOffsetMs += ms;
          idle(engine);
        }
        reply(exchange, 200, "{\"now\":" + (System.currentTimeMillis() + clockOffsetMs) + "}");
      }
    });
    http.createContext("/records", exchange -> {
      synchronized (engine) {
        var q = query(exchange.getRequestURI());
        long after = Long.parseLong(q.getOrDefault("after", "-1"));
        Set<String> types = Set.of(q.getOrDefault("types", "PROCESS_INSTANCE,INCIDENT").split(","));
        var out = new StringBuilder("[");
        for (Record<?> record : engine.getRecordStreamSource().getRecords()) {
          if (record.getPosition() <= after || !types.contains(record.getValueType().name())) continue;
          if (out.length() > 1) out.append(',');
          out.append(record.toJson());
        }
        reply(exchange, 200, out.append(']').toString());
      }
    });
    http.start();

    var stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      http.stop(0);
      engine.stop();
      stopped.countDown();
    }));
    System.out.println("READY grpc=127.0.0.1:" + grpcPort + " http=127.0.0.1:" + httpPort);
    System.out.flush();
    stopped.await();
  }

  /** Lets the engine act on the moved clock; open job long polls keep it "busy", so the wait is short. */
  private static void idle(io.camunda.zeebe.process.test.api.ZeebeTestEngine engine) {
    try {
      engine.waitForIdleState(Duration.ofMillis(300));
    } catch (Exception e) {
      // still busy: the caller polls for what it waits for anyway
    }
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0, 1, LOOPBACK)) {
      return socket.getLocalPort();
    }
  }

  private static Map<String, String> query(URI uri) {
    var map = new HashMap<String, String>();
    if (uri.getRawQuery() == null) return map;
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) map.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return map;
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(bytes);
    }
  }
}
