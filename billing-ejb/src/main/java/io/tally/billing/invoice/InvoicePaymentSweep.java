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
 * Wakes the invoice-payment sweep every minute (configurable); the database says which card
 * payments are PENDING, and each is asked about under its own key, so a double firing pays once.
 */
@Startup
@Singleton
@DependsOn("Migrations")
@Interceptors(JobGuard.class)
public class InvoicePaymentSweep {

  @Resource TimerService timers;

  @Inject InvoicePayer payer;

  @Inject
  @ConfigProperty(name = "tally.jobs.invoice-payment-sweep.interval-seconds", defaultValue = "60")
  long intervalSeconds;

  @PostConstruct
  void schedule() {
    long interval = intervalSeconds * 1000;
    timers.createIntervalTimer(interval, interval, new TimerConfig("invoice-payment-sweep", false));
  }

  @Timeout
  void fire() {
    payer.sweep();
  }
}
