package io.tally.billing.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells the observers of an event about something that has already happened (a committed charge or
 * debit, a refused one). Each observer runs on its own: one that throws is logged with the event
 * (which names the account and the movement) and the observer, and the others still run, so the
 * caller always gets the answer of what committed. CDI's own {@code Event.fire} would stop at the
 * first observer that throws and hand its exception to the caller.
 *
 * <p>Only for events fired with no transaction open: every observer then runs at once, as {@code
 * Event.fire} would run it. What an observer that failed did not do is either retried by its own
 * job (a recorded auto-recharge by the recharge sweep, a stored notice by the delivery outbox) or
 * visible in the log line, never lost silently.
 */
@ApplicationScoped
public class AfterCommit {

  private static final Logger LOG = Logger.getLogger(AfterCommit.class.getName());

  @Inject BeanManager beans;

  /** Notifies every observer of {@code event}, each one's failure on its own. */
  public void fire(Object event) {
    for (ObserverMethod<? super Object> observer : beans.resolveObserverMethods(event)) {
      try {
        observer.notify(event);
      } catch (RuntimeException e) {
        LOG.log(
            Level.SEVERE,
            "after-commit observer "
                + observer.getBeanClass().getName()
                + " failed on "
                + event
                + "; the movement stands, this step did not run for it",
            e);
      }
    }
  }
}
