package io.tally.billing.notification;

import io.tally.billing.platform.JobGuard;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Wakes the delivery job every few seconds (configurable): it sends what the after-commit kick
 * missed and the retries that fell due. The outbox in the database says what is due.
 */
@Startup
@Singleton
@DependsOn("Migrations")
@Interceptors(JobGuard.class)
public class DeliveryTimer {

  @Resource TimerService timers;

  @Inject Deliveries deliveries;

  @Inject
  @ConfigProperty(name = "tally.jobs.notifications.interval-seconds", defaultValue = "5")
  long intervalSeconds;

  @PostConstruct
  void schedule() {
    long interval = intervalSeconds * 1000;
    timers.createIntervalTimer(interval, interval, new TimerConfig("notification-delivery", false));
  }

  @Timeout
  void fire() {
    deliveries.deliverDue();
  }
}
