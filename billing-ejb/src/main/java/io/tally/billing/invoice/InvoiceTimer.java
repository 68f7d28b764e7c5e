package io.tally.billing.invoice;

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
 * Wakes the invoice job every hour (configurable), and a minute after start, so a server restarted
 * more often than the interval still catches up; the database says which invoices are due.
 */
@Startup
@Singleton
@DependsOn("Migrations")
@Interceptors(JobGuard.class)
public class InvoiceTimer {

  private static final long FIRST_RUN_MS = 60_000;

  @Resource TimerService timers;

  @Inject InvoiceRun run;

  @Inject
  @ConfigProperty(name = "tally.jobs.invoices.interval-seconds", defaultValue = "3600")
  long intervalSeconds;

  @PostConstruct
  void schedule() {
    long interval = intervalSeconds * 1000;
    timers.createIntervalTimer(
        Math.min(interval, FIRST_RUN_MS), interval, new TimerConfig("invoices", false));
  }

  @Timeout
  void fire() {
    run.issueDue();
  }
}
