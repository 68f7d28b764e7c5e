package io.tally.billing.web.support;

import io.tally.billing.ledger.BalanceLowered;
import io.tally.billing.ledger.DebitRefused;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An observer of what charging announces after the fact that throws for the accounts a test marks
 * ({@code POST test-support/failing-observer/{accountId}}), as a broken notice or auto-recharge
 * step would: the charge has committed, and its answer must not fail. Exists only in the test WAR.
 */
@ApplicationScoped
@Path("test-support/failing-observer")
public class FailingObserver {

  @Inject Marks marks;

  @POST
  @Path("{accountId}")
  public void mark(@PathParam("accountId") long accountId) {
    marks.accounts.add(accountId);
  }

  /** The observer itself, apart from the resource. */
  @ApplicationScoped
  public static class Marks {

    final Set<Long> accounts = ConcurrentHashMap.newKeySet();

    void lowered(@Observes BalanceLowered event) {
      failFor(event.accountId(), event);
    }

    void refused(@Observes DebitRefused event) {
      failFor(event.accountId(), event);
    }

    private void failFor(long accountId, Object event) {
      if (accounts.contains(accountId)) {
        throw new IllegalStateException("test observer fails on purpose: " + event);
      }
    }
  }
}
