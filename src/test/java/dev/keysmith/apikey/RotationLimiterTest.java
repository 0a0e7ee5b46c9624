package dev.keysmith.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RotationLimiterTest {

  @Test
  void neverLetsMoreThanItsConcurrencyThrough() throws InterruptedException {
    RotationLimiter limiter = new RotationLimiter(3);
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    for (int i = 0; i < 16; i++) {
      pool.execute(() -> {
        try {
          go.await();
          while (done.get() < 200) {
            if (limiter.tryAcquire()) {
              try {
                most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                Thread.onSpinWait();
                inside.decrementAndGet();
                done.incrementAndGet();
              } finally {
                limiter.release();
              }
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
    go.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    assertThat(done.get()).isGreaterThanOrEqualTo(200);
    assertThat(most.get()).isBetween(1, 3);
  }

  @Test
  void backsOffBetween50And250Milliseconds() {
    RotationLimiter limiter = new RotationLimiter(1);
    for (int i = 0; i < 1000; i++) {
      assertThat(limiter.backoff()).isBetween(50L, 249L);
    }
  }
}
