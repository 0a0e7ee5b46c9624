package dev.keysmith.playground;

import io.javaoperatorsdk.operator.Operator;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

/**
 * The playground's hooks into the operator's Quarkus application; inert when the operator runs
 * against a cluster. The priorities order them after QOSDK's own observers (smaller runs first),
 * which start the operator on startup (at LIBRARY_AFTER + 123 = 3123) and stop it on shutdown (at
 * the default, 2500).
 */
@Singleton
class PlaygroundLifecycle {

  private static final Logger LOG = Logger.getLogger(PlaygroundLifecycle.class);

  void ready(
      @Observes @Priority(Interceptor.Priority.LIBRARY_AFTER + 500) StartupEvent event,
      Operator operator) {
    String kubeconfig = System.getProperty(KeysmithMain.KUBECONFIG_PROPERTY);
    if (kubeconfig == null) {
      return;
    }
    if (!operator.getRuntimeInfo().isStarted()) {
      LOG.error("The operator did not start against the playground; see the log above.");
      return;
    }
    System.out.println("kubeconfig: " + kubeconfig);
    System.out.flush();
  }

  void stopped(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER + 500) ShutdownEvent event) {
    KeysmithMain.closePlayground();
  }
}
