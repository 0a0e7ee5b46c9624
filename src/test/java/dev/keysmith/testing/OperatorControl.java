package dev.keysmith.testing;

import io.javaoperatorsdk.operator.Operator;
import io.quarkus.arc.Arc;

/**
 * Stops and starts the operator of the running test application, as a crash and a restart would:
 * a started operator builds new informers, so it begins with empty caches.
 */
public final class OperatorControl {

  private OperatorControl() {}

  public static void stop() {
    operator().stop();
  }

  public static void start() {
    operator().start();
  }

  private static Operator operator() {
    return Arc.container().instance(Operator.class).get();
  }
}
