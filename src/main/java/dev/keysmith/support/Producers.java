package dev.keysmith.support;

import dev.keysmith.credentials.CredentialGenerator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Beans for the plain-Java domain classes. */
public class Producers {

  @Produces
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  /** Used by the operator SDK in the production profile only. */
  @Produces
  @Singleton
  LeaderElectionConfiguration leaderElection(KeysmithConfig config) {
    // The pod's name (the chart sets POD_NAME; HOSTNAME is the pod name too) shows who leads.
    String identity = System.getenv().getOrDefault("POD_NAME", System.getenv("HOSTNAME"));
    return new LeaderElectionConfiguration(
        config.leaderElection().leaseName(),
        config.leaderElection().leaseNamespace().orElse(null),
        identity);
  }

  @Produces
  @Singleton
  CredentialGenerator credentialGenerator() {
    return new CredentialGenerator(CredentialGenerator.bouncyCastleDrbg());
  }
}
