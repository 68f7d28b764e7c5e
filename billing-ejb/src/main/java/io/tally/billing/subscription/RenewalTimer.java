package io.tally.billing.subscription;

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

/** Wakes the renewal job every minute (configurable); the database says what is due. */
@Startup
@Singleton
@DependsOn("Migrations")
@Interceptors(JobGuard.class)
public class RenewalTimer {

  @Resource TimerService timers;

  @Inject Renewals renewals;

  @Inject
  @ConfigProperty(name = "tally.jobs.renewals.interval-seconds", defaultValue = "60")
  long intervalSeconds;

  @PostConstruct
  void schedule() {
    long interval = intervalSeconds * 1000;
    timers.createIntervalTimer(interval, interval, new TimerConfig("renewals", false));
  }

  @Timeout
  void fire() {
    renewals.runDue();
  }
}
