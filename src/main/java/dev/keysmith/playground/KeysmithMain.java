package dev.keysmith.playground;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The jar's entry point. Without arguments it runs the operator exactly as a deployment does;
 * {@code playground} first starts a {@link PlaygroundApiServer} and points the operator at it.
 */
@QuarkusMain
public class KeysmithMain {

  /**
   * Hands the kubeconfig path to {@link PlaygroundLifecycle}, inside Quarkus. Not under {@code
   * keysmith.}: Quarkus rejects unknown properties of that config mapping.
   */
  static final String KUBECONFIG_PROPERTY = "keysmith-playground.kubeconfig";

  static final int USAGE_ERROR = 2;

  private static final Path EXAMPLES = Path.of("examples");

  /** The playground's API server while the operator runs against it. */
  private static volatile PlaygroundApiServer playgroundServer;

  public static void main(String... args) {
    Launch launch;
    try {
      launch = Launch.parse(args);
    } catch (Launch.UsageException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println();
      System.err.print(Launch.USAGE);
      System.exit(USAGE_ERROR);
      return;
    }
    if (launch instanceof Launch.Help) {
      System.out.print(Launch.USAGE);
    } else if (launch instanceof Launch.Playground playground) {
      playground(playground);
    } else {
      Quarkus.run(args);
    }
  }

  private static void playground(Launch.Playground options) {
    PlaygroundApiServer server = new PlaygroundApiServer(options.port());
    Path kubeconfig;
    try {
      server.start();
      kubeconfig = server.writeKubeconfig(options.kubeconfig());
      if (options.examples() && Files.isDirectory(EXAMPLES)) {
        server.applyManifests(EXAMPLES);
      }
      options.apply().forEach(server::applyManifests);
    } catch (RuntimeException e) {
      server.close();
      System.err.println("error: the playground could not be set up: " + e.getMessage());
      System.exit(1);
      return;
    }
    if (options.apiOnly()) {
      serveUntilStopped(server, kubeconfig);
      return;
    }
    // The operator's client configures itself from these (fabric8's auto-configuration), as in
    // the tests: pointed at the playground, never at a kubeconfig or service account around.
    System.setProperty("kubernetes.master", server.url());
    System.setProperty("kubernetes.auth.tryKubeConfig", "false");
    System.setProperty("kubernetes.auth.tryServiceAccount", "false");
    System.setProperty("kubernetes.namespace", "default");
    System.setProperty(KUBECONFIG_PROPERTY, kubeconfig.toString());
    // One local operator: no leader election (it is active in the prod profile only), so that a
    // restarted playground does not wait for the previous run's Lease to expire.
    if (System.getProperty("quarkus.profile") == null) {
      System.setProperty("quarkus.profile", "playground");
    }
    if (System.getProperty("quarkus.log.console.stderr") == null) {
      // stdout carries the one "kubeconfig:" line that scripts wait for; logs go to stderr.
      System.setProperty("quarkus.log.console.stderr", "true");
    }
    playgroundServer = server;
    // The same Quarkus application as without arguments: QOSDK starts the operator on startup
    // (it does so only while the application has no QuarkusApplication class of its own), and
    // PlaygroundLifecycle reports readiness and closes the server after the operator stopped.
    Quarkus.run();
  }

  /** Closes the playground's API server, if this JVM runs one. */
  static void closePlayground() {
    PlaygroundApiServer server = playgroundServer;
    if (server != null) {
      playgroundServer = null;
      server.close();
    }
  }

  /** {@code --api-only}: no Quarkus at all, so no operator; a signal ends the JVM. */
  private static void serveUntilStopped(PlaygroundApiServer server, Path kubeconfig) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "playground-shutdown"));
    System.out.println("kubeconfig: " + kubeconfig);
    System.out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
