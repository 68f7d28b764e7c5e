package io.tally.billing.ledger;

import io.tally.billing.metrics.BusinessMetrics;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Group commit for authorizations: concurrent holds share one transaction, as single charges do
 * ({@link GroupCommit}): a {@link CommitQueue} of their own gathers them, and {@link HoldGroup}
 * places them with the accounts locked once. Each caller gets its own answer: its hold's id, or its
 * refusal as the group's earlier holds left the account. The queue's settings are group commit's
 * ({@code tally.ledger.group.*}); {@code max-size} 1 places every hold alone.
 *
 * <p>Placed alone ({@link Holds#place}), as before: a caller already in a transaction (its hold
 * must commit with it), a group of one (inside the group's slot, so that the next callers queue
 * up), and a hold counting toward another month than its group's first (a group checks spend limits
 * for one month). A deadlock or a lock wait that timed out fails the group, and each caller then
 * tries once alone; any other fault of the database fails every caller of the group with it (503).
 */
@ApplicationScoped
public class HoldCommit {

  @Inject Holds holds;

  @Inject BusinessMetrics metrics;

  @Resource TransactionSynchronizationRegistry transactions;

  @Inject
  @ConfigProperty(name = "tally.ledger.group.max-size", defaultValue = "100")
  int maxSize;

  @Inject
  @ConfigProperty(name = "tally.ledger.group.inflight", defaultValue = "2")
  int inflight;

  @Inject
  @ConfigProperty(name = "tally.ledger.group.wait-micros", defaultValue = "0")
  long waitMicros;

  @Inject
  @ConfigProperty(name = "tally.ledger.group.timeout-ms", defaultValue = "30000")
  long timeoutMillis;

  private CommitQueue<HoldWrite, Optional<HoldAttempt>> queue;

  @PostConstruct
  void start() {
    queue =
        new CommitQueue<>(
            new CommitQueue.Settings(
                Math.max(1, maxSize), Math.max(1, inflight), waitMicros, timeoutMillis),
            this::write,
            metrics::holdGroup);
  }

  /**
   * Places a hold if the account can cover it, in a group with the holds arriving at the same time;
   * answers the hold's id, or throws its refusal.
   */
  public long place(
      long accountId, String model, BigDecimal amount, Instant now, Instant expiresAt) {
    if (maxSize <= 1 || transactions.getTransactionStatus() != Status.STATUS_NO_TRANSACTION) {
      return holds.place(accountId, model, amount, now, expiresAt);
    }
    Optional<HoldAttempt> grouped;
    try {
      grouped = queue.submit(new HoldWrite(accountId, model, amount, now, expiresAt));
    } catch (ConcurrentConflict conflict) {
      // The group was the first attempt; one more alone, as a single hold gets.
      grouped = Optional.empty();
    }
    if (grouped.isEmpty()) {
      return holds.place(accountId, model, amount, now, expiresAt);
    }
    if (grouped.get().refused() != null) {
      throw grouped.get().refused();
    }
    return grouped.get().id();
  }

  private List<Optional<HoldAttempt>> write(List<HoldWrite> writes) {
    List<Optional<HoldAttempt>> answers =
        new ArrayList<>(Collections.nCopies(writes.size(), Optional.empty()));
    if (writes.size() == 1) {
      // Placed on the single path, but inside the group's slot: while it is placed the next
      // callers queue up, and that is how groups form. Its refusal fails its caller with it.
      HoldWrite write = writes.get(0);
      return List.of(
          Optional.of(
              HoldAttempt.placed(
                  holds.place(
                      write.accountId(),
                      write.model(),
                      write.amount(),
                      write.now(),
                      write.expiresAt()))));
    }
    LocalDate month = LedgerWriter.monthOf(writes.get(0).now());
    // By account, each account's holds in their order of arrival, as a charge group's.
    List<Integer> grouped =
        IntStream.range(0, writes.size())
            .filter(i -> LedgerWriter.monthOf(writes.get(i).now()).equals(month))
            .boxed()
            .sorted(Comparator.comparingLong(i -> writes.get(i).accountId()))
            .toList();
    List<HoldAttempt> attempts =
        holds.placeGroup(grouped.stream().map(writes::get).toList(), month);
    for (int k = 0; k < grouped.size(); k++) {
      answers.set(grouped.get(k), Optional.of(attempts.get(k)));
    }
    return answers;
  }
}
