package io.tally.billing.usage;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Wakes the hold expiry every few seconds (configurable); the database says what is due. */
@Startup
@Singleton
@DependsOn("Migrations")
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

  @Timeout
  void fire() {
    authorizations.expireDue();
  }
}
