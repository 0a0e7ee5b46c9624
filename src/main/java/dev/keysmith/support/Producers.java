package dev.keysmith.support;

import dev.keysmith.credentials.CredentialGenerator;
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

  @Produces
  @Singleton
  CredentialGenerator credentialGenerator() {
    return new CredentialGenerator(CredentialGenerator.bouncyCastleDrbg());
  }
}
