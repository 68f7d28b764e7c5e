package io.tally.billing.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the delivery job right after a notice commits, so an e-mail need not wait for the timer.
 * Kicks that arrive while a run is queued fold into it: a burst of notices starts one run, not one
 * thread each. Only a trigger: the outbox's claims decide who sends what.
 */
@ApplicationScoped
public class DeliveryKick {

  private final AtomicBoolean queued = new AtomicBoolean();

  @Inject Deliveries deliveries;

  void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) NoticeStored stored) {
    if (queued.compareAndSet(false, true)) {
      try {
        deliveries.deliverDueSoon();
      } catch (RuntimeException notQueued) {
        queued.set(false); // the timer still delivers; the next notice kicks again
        throw notQueued;
      }
    }
  }

  /** The queued run has started: a notice stored from now on needs another run. */
  void started() {
    queued.set(false);
  }
}
