package dev.keysmith.support;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Keysmith's own settings, under {@code keysmith.*} (environment: {@code KEYSMITH_*}). */
@ConfigMapping(prefix = "keysmith")
public interface KeysmithConfig {

  /** Kubernetes Events. */
  Events events();

  /**
   * How often a key re-reads a Secret that Keysmith does not own and therefore does not watch (so
   * that it caches only its own Secrets): the user-supplied Secret of credentials.existingSecretRef,
   * or a Secret that blocks a key's secretName (SecretConflict).
   */
  @WithDefault("5m")
  Duration foreignSecretPollInterval();

  /** Leader election, active in the production profile: one replica reconciles, others stand by. */
  LeaderElection leaderElection();

  interface LeaderElection {
    /** Name of the coordination.k8s.io Lease the replicas compete for. */
    @WithDefault("keysmith-operator")
    String leaseName();

    /** Namespace of the Lease; defaults to the operator's own namespace. */
    Optional<String> leaseNamespace();
  }

  /** Channel keyrings. */
  Keyring keyring();

  interface Keyring {
    /**
     * Shortest time between two writes of one channel's keyring: changes arriving meanwhile (say,
     * a thousand keys created at once) are coalesced into the next write. Also the longest a
     * revoked or expired credential can stay in a keyring.
     */
    @WithDefault("1s")
    Duration minWriteInterval();

    /**
     * bcrypt cost of the htpasswd lines of Basic keys, 4 to 12. Keysmith's passwords carry over 190
     * random bits, so a low cost loses no security, while the gateways that check a password on
     * every request pay 2^cost rounds each time. 5 is what {@code htpasswd -B} uses.
     */
    @WithDefault("5")
    int bcryptCost();
  }

  /** Rotation. */
  Rotation rotation();

  interface Rotation {
    /**
     * Most rotations writing at once. Keys whose schedule fires at the same instant (a rotation
     * storm) queue behind these instead of hammering the API server.
     */
    @WithDefault("10")
    int concurrency();
  }

  interface Events {
    /** Events one object may emit in a burst before rate limiting applies. */
    @WithDefault("25")
    int burst();

    /** After a burst, one more event per object per this interval. */
    @WithDefault("5m")
    Duration refillInterval();

    /** An identical event repeated within this window increments the count of the first. */
    @WithDefault("10m")
    Duration aggregationWindow();
  }
}
