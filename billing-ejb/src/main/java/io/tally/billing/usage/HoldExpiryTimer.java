package io.tally.billing.usage;

import io.tally.billing.platform.JobGuard;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Wakes the hold expiry every few seconds (configurable); the database says what is due. */
@Startup
@Singleton
@DependsOn("Migrations")
@Interceptors(JobGuard.class)
public class HoldExpiryTimer {

  @Resource TimerService timers;

  @Inject Authorizations authorizations;

  @Inject
  @ConfigProperty(name = "tally.jobs.hold-expiry.interval-seconds", defaultValue = "30")
  long intervalSeconds;

  @PostConstruct
  void schedule() {
    long interval = intervalSeconds * 1000;
    timers.createIntervalTimer(interval, interval, new TimerConfig("hold-expiry", false));
  }

  /** The expiry runs in its own transaction: one that fails must not fail the timeout's. */
  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void fire() {
    authorizations.expireDue();
  }
}
