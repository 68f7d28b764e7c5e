package io.tally.billing.payment;

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
 * Wakes the recharge sweep every minute (configurable); the database says which recharges were
 * recorded but never paid, and each is finished under its own key, so a double firing pays once.
 */
@Startup
@Singleton
@DependsOn("Migrations")
@Interceptors(JobGuard.class)
public class RechargeSweep {

  @Resource TimerService timers;

  @Inject RechargeRunner runner;

  @Inject
  @ConfigProperty(name = "tally.jobs.recharge-sweep.interval-seconds", defaultValue = "60")
  long intervalSeconds;

  @PostConstruct
  void schedule() {
    long interval = intervalSeconds * 1000;
    timers.createIntervalTimer(interval, interval, new TimerConfig("recharge-sweep", false));
  }

  @Timeout
  void fire() {
    runner.sweep();
  }
}
