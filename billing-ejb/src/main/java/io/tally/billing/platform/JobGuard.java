package io.tally.billing.platform;

import jakarta.inject.Inject;
import jakarta.interceptor.AroundTimeout;
import jakarta.interceptor.InvocationContext;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a timer's job on one cluster member at a time and keeps the timer alive through a failed
 * run. Every member fires its own timers; the first to claim the job's lease ({@link JobLeases})
 * runs it and the others skip that firing. A job that throws (the database is down, a bug) is
 * logged and the timeout ends normally, so the container neither retries it at once nor, for some
 * servers, cancels the timer. The next interval runs the job again, and the database says what is
 * still due. Timer classes name it with {@code @Interceptors(JobGuard.class)}.
 */
public class JobGuard {

  private static final Logger LOG = Logger.getLogger(JobGuard.class.getName());

  @Inject JobLeases leases;

  @AroundTimeout
  Object guard(InvocationContext timeout) {
    String job = timeout.getTarget().getClass().getSimpleName();
    try {
      if (!leases.claim(job)) {
        return null;
      }
      try {
        return timeout.proceed();
      } finally {
        leases.release(job);
      }
    } catch (Exception e) {
      if (Outages.isOutage(e)) {
        LOG.log(Level.WARNING, "{0}: database unavailable; next run at the next interval", job);
      } else {
        LOG.log(Level.SEVERE, job + " failed; next run at the next interval", e);
      }
      return null;
    }
  }
}
