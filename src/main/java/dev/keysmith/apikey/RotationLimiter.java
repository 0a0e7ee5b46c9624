package dev.keysmith.apikey;

import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Bounds how many rotations write at once. A key that finds no free slot does not wait (that would
 * tie up a reconciliation thread other keys need) but is looked at again after a short random
 * delay, which also spreads a storm over time.
 */
final class RotationLimiter {

  private final Semaphore slots;

  RotationLimiter(int concurrency) {
    this.slots = new Semaphore(Math.max(1, concurrency));
  }

  boolean tryAcquire() {
    return slots.tryAcquire();
  }

  void release() {
    slots.release();
  }

  /** Milliseconds until a key that found no slot tries again: 50 to 250. */
  long backoff() {
    return 50 + ThreadLocalRandom.current().nextLong(200);
  }
}
