package io.tally.billing.usage;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.CallPart;
import io.tally.billing.api.ChargeOutcome;
import io.tally.billing.api.ChargeResult;
import io.tally.billing.api.ChargingService;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.Money;
import io.tally.billing.api.QuoteRequest;
import io.tally.billing.api.QuoteView;
import io.tally.billing.api.UsageEvent;
import io.tally.billing.ledger.BalanceLowered;
import io.tally.billing.ledger.ChargeAttempt;
import io.tally.billing.ledger.ChargeWrite;
import io.tally.billing.ledger.ConcurrentConflict;
import io.tally.billing.ledger.DebitRefused;
import io.tally.billing.ledger.DuplicateEntry;
import io.tally.billing.ledger.FairUseCounted;
import io.tally.billing.ledger.GroupCommit;
import io.tally.billing.ledger.LedgerWriter;
import io.tally.billing.ledger.LimitsCounted;
import io.tally.billing.ledger.SpendLimitRefused;
import io.tally.billing.ledger.WrittenCharge;
import io.tally.billing.metrics.BusinessMetrics;
import io.tally.billing.platform.AfterCommit;
import io.tally.billing.pricing.Pricer;
import io.tally.billing.pricing.Pricer.PricedCall;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Charging usage. Pricing happens before the transaction (it is pure); the ledger writer then
 * writes the charge in one short transaction. A plain CDI bean rather than an EJB: it holds no
 * transaction of its own, and the gateway path crosses one EJB boundary instead of two. A requestId
 * seen before answers the first charge: the database's unique key decides, so twenty clients
 * sending one requestId at once get one charge.
 */
@ApplicationScoped
public class Charging implements ChargingService {

  private static final int ATTEMPTS = 3;

  /** Refusals after which an event charged before is still answered with its first charge. */
  private static final Set<ErrorCode> LIMITS =
      EnumSet.of(
          ErrorCode.FAIR_USE_LIMIT_REACHED,
          ErrorCode.WORKFLOW_QUOTA_REACHED,
          ErrorCode.SPEND_LIMIT_REACHED);

  /** Events of a batch written per transaction. */
  private static final int GROUP = 100;

  /** A call may say it started a little in the future, to allow for clocks that disagree. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  @Inject Pricer pricer;

  @Inject LedgerWriter writer;

  @Inject GroupCommit groups;

  @Inject Clock clock;

  @Inject AfterCommit afterCommit;

  @Inject BusinessMetrics metrics;

  @PersistenceContext EntityManager em;

  @Override
  public QuoteView quote(QuoteRequest request) {
    List<PricedCall> calls =
        pricer.price(request.parts(), clock.instant(), request.workflow() == null ? "" : "parts");
    return new QuoteView(
        request.workflow() == null ? calls.get(0).model() : null,
        request.workflow(),
        Money.format(ChargeViews.total(calls)),
        ChargeViews.lines(calls),
        request.workflow() == null ? calls.get(0).pricedBy() : null);
  }

  /** Charges one usage event, or answers the charge an earlier event with its requestId made. */
  @Override
  public ChargeResult charge(UsageEvent event) {
    long started = System.nanoTime();
    try {
      return single(prepare(event));
    } catch (BillingException refused) {
      metrics.refused(refused.code());
      throw refused;
    } finally {
      metrics.charge(System.nanoTime() - started);
    }
  }

  @Override
  public List<ChargeOutcome> chargeAll(List<UsageEvent> events) {
    long started = System.nanoTime();
    List<ChargeOutcome> outcomes = chargeEach(events);
    for (ChargeOutcome outcome : outcomes) {
      if (outcome.refused() != null) {
        metrics.refused(outcome.refused().code());
      }
    }
    metrics.batch(events.size(), System.nanoTime() - started);
    return outcomes;
  }

  private List<ChargeOutcome> chargeEach(List<UsageEvent> events) {
    ChargeOutcome[] outcomes = new ChargeOutcome[events.size()];
    List<Numbered> pending = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      try {
        // Settlements and key spends too: a group decides them by the single path's rules.
        pending.add(new Numbered(i, prepare(events.get(i))));
      } catch (BillingException refused) {
        outcomes[i] = ChargeOutcome.refused(refused);
      }
    }
    // By account, each account's events in their order: concurrent groups then lock accounts in
    // one order and do not deadlock each other.
    pending.sort(Comparator.comparingLong(numbered -> numbered.call().write().accountId()));
    for (int from = 0; from < pending.size(); from += GROUP) {
      List<Numbered> group = pending.subList(from, Math.min(from + GROUP, pending.size()));
      metrics.group(group.size());
      List<ChargeAttempt> attempts;
      try {
        attempts =
            writer.chargeAll(group.stream().map(numbered -> numbered.call().write()).toList());
      } catch (DuplicateEntry | ConcurrentConflict groupRolledBack) {
        // Nothing of the group was written. Each event on its own then gets its own answer: the
        // first charge of a requestId seen before, or a retry.
        for (Numbered numbered : group) {
          outcomes[numbered.index()] = outcome(() -> write(numbered.call()));
        }
        continue;
      }
      for (int k = 0; k < group.size(); k++) {
        Prepared call = group.get(k).call();
        ChargeAttempt attempt = attempts.get(k);
        outcomes[group.get(k).index()] =
            attempt.written() != null
                ? ChargeOutcome.charged(written(call, attempt.written()))
                : outcome(() -> refused(call, attempt.refused()));
      }
    }
    return Arrays.asList(outcomes);
  }

  /** An event checked and priced, and the charge it would write. */
  private record Prepared(UsageEvent event, List<PricedCall> calls, ChargeWrite write) {}

  private record Numbered(int index, Prepared call) {}

  /** Pricing happens here, before any transaction: it is pure. */
  private Prepared prepare(UsageEvent event) {
    Instant now = clock.instant();
    // Stored to the microsecond; answering the same precision keeps a replay identical.
    Instant startedAt =
        (event.startedAt() == null ? now : event.startedAt()).truncatedTo(ChronoUnit.MICROS);
    if (startedAt.isAfter(now.plus(CLOCK_SKEW))) {
      throw BillingException.invalid("startedAt", "startedAt is in the future");
    }
    List<PricedCall> calls =
        pricer.price(event.parts(), startedAt, event.isWorkflow() ? "parts" : "");
    return new Prepared(event, calls, write(event, startedAt, calls));
  }

  /**
   * A single call, written in one transaction with the calls arriving beside it ({@link
   * GroupCommit}), or alone when it is not grouped.
   */
  private ChargeResult single(Prepared call) {
    Optional<ChargeAttempt> grouped;
    try {
      grouped = groups.charge(call.write());
    } catch (ConcurrentConflict conflict) {
      // The group was the first attempt; the others are made alone.
      return write(call, 2);
    }
    if (grouped.isEmpty()) {
      return write(call);
    }
    ChargeAttempt attempt = grouped.get();
    return attempt.written() != null
        ? written(call, attempt.written())
        : refused(call, attempt.refused());
  }

  private ChargeResult write(Prepared call) {
    return write(call, 1);
  }

  private ChargeResult write(Prepared call, int first) {
    for (int attempt = first; ; attempt++) {
      try {
        return written(call, writer.charge(call.write()));
      } catch (DuplicateEntry seenBefore) {
        return replay(call).orElseThrow(() -> seenBefore);
      } catch (BillingException refused) {
        return refused(call, refused);
      } catch (ConcurrentConflict conflict) {
        if (attempt == ATTEMPTS) {
          throw conflict;
        }
      }
    }
  }

  /**
   * A charge committed: tells the observers (auto-recharge, notices, fair use) and answers it. An
   * observer that fails cannot fail the answer: the charge has committed ({@link AfterCommit}).
   */
  private ChargeResult written(Prepared call, WrittenCharge written) {
    ChargeWrite write = call.write();
    if (write.amount().signum() > 0) {
      afterCommit.fire(
          new BalanceLowered(
              write.accountId(),
              write.amount(),
              written.balanceAfter(),
              "request " + write.requestId()));
    }
    if (written.fairUse() != null) {
      afterCommit.fire(new FairUseCounted(write.accountId(), write.amount(), written.fairUse()));
    }
    for (PricedCall priced : call.calls()) {
      metrics.charged(priced.model(), priced.amount());
    }
    if (!written.limits().none()) {
      afterCommit.fire(
          new LimitsCounted(write.accountId(), write.apiKeyId(), write.amount(), written.limits()));
    }
    return new ChargeResult(ChargeViews.of(call.event(), write, call.calls(), written), false);
  }

  /** A refused charge: the first charge when the event was seen before, else the refusal. */
  private ChargeResult refused(Prepared call, BillingException refused) {
    boolean noMoney =
        refused.code() == ErrorCode.OUT_OF_CREDITS
            || refused.code() == ErrorCode.CREDIT_LIMIT_EXCEEDED;
    if (noMoney || LIMITS.contains(refused.code())) {
      // An event charged before may be replayed after the money (or a limit) ran out.
      Optional<ChargeResult> first = replay(call);
      if (first.isPresent()) {
        return first.get();
      }
    }
    if (noMoney) {
      afterCommit.fire(
          new DebitRefused(call.event().accountId(), refused.code(), call.write().amount()));
    }
    if (refused.code() == ErrorCode.SPEND_LIMIT_REACHED) {
      boolean key = "key".equals(refused.details().get("scope"));
      afterCommit.fire(
          new SpendLimitRefused(
              call.event().accountId(),
              key ? call.write().apiKeyId() : null,
              LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).withDayOfMonth(1)));
    }
    throw refused;
  }

  private static ChargeOutcome outcome(Supplier<ChargeResult> charge) {
    try {
      return ChargeOutcome.charged(charge.get());
    } catch (BillingException refused) {
      return ChargeOutcome.refused(refused);
    }
  }

  /**
   * The first charge of the event's requestId, if there is one. A requestId replayed with another
   * body (another model, parameters, duration, parts or authorization) is a 422: answering the
   * first charge would tell the gateway that a different call was billed.
   */
  private Optional<ChargeResult> replay(Prepared call) {
    UsageEvent event = call.event();
    return em.createQuery(
            "SELECT c FROM Charge c WHERE c.accountId = :account AND c.requestId = :request",
            Charge.class)
        .setParameter("account", event.accountId())
        .setParameter("request", event.requestId())
        .getResultStream()
        .findFirst()
        .map(
            charge -> {
              Fingerprint.requireSame(charge, call.write().fingerprint());
              return new ChargeResult(ChargeViews.of(charge), true);
            });
  }

  private static ChargeWrite write(UsageEvent event, Instant startedAt, List<PricedCall> calls) {
    LocalDate day = LocalDate.ofInstant(startedAt, ZoneOffset.UTC);
    List<CallPart> parts = event.parts();
    return new ChargeWrite(
        event.accountId(),
        event.requestId(),
        event.isWorkflow() ? null : calls.get(0).model(),
        event.workflow(),
        ChargeViews.total(calls),
        calls.stream().mapToLong(PricedCall::durationMs).sum(),
        ChargeLines.write(ChargeViews.lines(calls)),
        event.authorizationId(),
        startedAt,
        IntStream.range(0, calls.size())
            .mapToObj(
                i ->
                    new ChargeWrite.RollupDelta(
                        calls.get(i).model(),
                        day,
                        calls.get(i).durationMs(),
                        calls.get(i).amount(),
                        parts.get(i).failed(),
                        event.parts().get(i).durationMs() != null))
            .toList(),
        Fingerprint.of(event),
        event.isApiWorkflowRun() ? 1 : 0,
        event.apiKeyId(),
        new ChargeWrite.Waits(
            (int) parts.stream().filter(CallPart::failed).count(),
            parts.stream().mapToLong(CallPart::queueMs).sum(),
            parts.stream().mapToLong(CallPart::coldStartMs).sum()));
  }
}
