package io.tally.billing.web.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock the tests move forward: system time plus an offset. Deployed only in the test WAR, where
 * it replaces the application's system clock as a CDI alternative.
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION + 100)
public class MovableClock {

  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return Instant.now().plus(offset.get());
        }
      };

  @Produces
  Clock clock() {
    return clock;
  }

  public Instant advance(Duration by) {
    offset.updateAndGet(current -> current.plus(by));
    return clock.instant();
  }
}
