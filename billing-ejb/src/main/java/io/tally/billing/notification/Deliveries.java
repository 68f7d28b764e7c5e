package io.tally.billing.notification;

import io.tally.billing.metrics.BusinessMetrics;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The delivery job: claims what is due in the outbox, sends it, and records the outcome — sent, a
 * retry after an exponentially growing pause, or failed after the last attempt. The timer and the
 * after-commit kick both run {@link #deliverDue()}; the outbox's claims make sure each delivery is
 * sent by one run only. No transaction is held while sending.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Deliveries {

  private static final Logger LOG = Logger.getLogger(Deliveries.class.getName());

  private static final int BATCH = 20;

  /** A run stops after this many batches; the next run goes on. */
  private static final int MAX_BATCHES = 50;

  private static final Duration MAX_PAUSE = Duration.ofHours(6);

  @Inject Outbox outbox;

  @Inject Mailer mailer;

  @Inject WebhookSender webhooks;

  @Inject DeliveryKick kick;

  @Inject Clock clock;

  @Inject BusinessMetrics metrics;

  @Inject
  @ConfigProperty(name = "tally.notifications.max-attempts", defaultValue = "8")
  int maxAttempts;

  @Inject
  @ConfigProperty(name = "tally.notifications.retry-seconds", defaultValue = "30")
  long retrySeconds;

  /** The after-commit kick: one run, on another thread. */
  @Asynchronous
  public void deliverDueSoon() {
    kick.started();
    deliverDue();
  }

  /** One run of the job, as the timer fires it; answers how many deliveries were sent. */
  public int deliverDue() {
    outbox.releaseStale();
    int sent = 0;
    for (int batch = 0; batch < MAX_BATCHES; batch++) {
      List<Delivery> claimed = outbox.claim(clock.instant(), BATCH);
      if (claimed.isEmpty()) {
        break;
      }
      for (Delivery delivery : claimed) {
        if (deliver(delivery)) {
          sent++;
        }
      }
    }
    // Counted here, by the job, so a scrape of /metrics never waits on the database.
    metrics.outboxDepth(outbox.depth());
    return sent;
  }

  private boolean deliver(Delivery delivery) {
    try {
      switch (delivery.channel()) {
        case EMAIL -> {
          if (!mailer.enabled()) {
            outbox.dropped(delivery, "SKIPPED", "e-mail is turned off");
            return false;
          }
          mailer.send(delivery);
        }
        case WEBHOOK -> {
          if (delivery.webhookUrl() == null || !delivery.webhookEnabled()) {
            outbox.dropped(delivery, "CANCELED", "the webhook was removed or disabled");
            return false;
          }
          webhooks.send(delivery);
        }
      }
    } catch (Exception e) {
      Instant next =
          delivery.attempts() >= maxAttempts ? null : clock.instant().plus(pause(delivery));
      LOG.log(
          Level.WARNING,
          "notification {0} by {1}, attempt {2}: {3}{4}",
          new Object[] {
            delivery.notificationId(),
            delivery.channel(),
            delivery.attempts(),
            e,
            next == null ? "; giving up" : "; next attempt at " + next
          });
      outbox.failed(delivery, next, String.valueOf(e));
      return false;
    }
    outbox.sent(delivery, clock.instant());
    return true;
  }

  /** 30 s, 1 min, 2 min, ... (by default), at most six hours. */
  private Duration pause(Delivery delivery) {
    int doublings = Math.min(delivery.attempts() - 1, 20);
    Duration pause = Duration.ofSeconds(retrySeconds).multipliedBy(1L << doublings);
    return pause.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause;
  }
}
