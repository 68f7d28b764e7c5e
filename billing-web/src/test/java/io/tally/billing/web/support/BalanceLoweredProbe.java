package io.tally.billing.web.support;

import io.tally.billing.ledger.BalanceLowered;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records every {@link BalanceLowered} event, so a test can prove that a debit announced itself
 * (and once). Answers the amounts announced for an account, in order. Exists only in the test WAR.
 */
@ApplicationScoped
@Path("test-support/balance-lowered")
public class BalanceLoweredProbe {

  @Inject Recorder recorder;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public List<String> amounts(@QueryParam("accountId") long accountId) {
    return recorder.amounts(accountId).stream().map(BigDecimal::toPlainString).toList();
  }

  /** The observer: cheap, as every BalanceLowered observer must be. */
  @ApplicationScoped
  public static class Recorder {

    private final Map<Long, List<BigDecimal>> seen = new ConcurrentHashMap<>();

    void record(@Observes BalanceLowered event) {
      seen.computeIfAbsent(event.accountId(), id -> new CopyOnWriteArrayList<>())
          .add(event.amount());
    }

    List<BigDecimal> amounts(long accountId) {
      return seen.getOrDefault(accountId, List.of());
    }
  }
}
