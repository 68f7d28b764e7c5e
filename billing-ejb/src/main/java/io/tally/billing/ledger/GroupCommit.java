package io.tally.billing.ledger;

import io.tally.billing.api.BillingException;
import io.tally.billing.metrics.BusinessMetrics;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Group commit for single charges: concurrent {@code POST /usage} calls share one transaction
 * ({@link CommitQueue} gathers them, {@link ChargeGroup} writes them), so a busy server commits,
 * and takes a hot account's row lock, once per group instead of once per call. Each caller still
 * gets its own answer: its charge, or its refusal as the group's conditional debits met it.
 *
 * <p>Charges that settle a hold or spend from a key are grouped too: the group locks the holds,
 * accounts and keys it names, in that order, and decides each charge in Java by the single path's
 * rules, so one refused writes nothing of its own while the others commit ({@link ChargeGroup}).
 * What is not written in a group answers empty, and the caller writes it alone as before: a caller
 * already in a transaction (its charge must commit with it), the second charge of one requestId in
 * a group (it then meets the first as a replay), and every charge of a group that rolled back on a
 * requestId seen before. A group of one is written as a single call is ({@link
 * LedgerWriter#charge}). A deadlock or a lock wait that timed out fails every caller of the group
 * with {@link ConcurrentConflict}, and each tries again alone, the group's try counting as its
 * first; a fault of the database fails them all with it (503).
 */
@ApplicationScoped
public class GroupCommit {

  @Inject LedgerWriter writer;

  @Inject BusinessMetrics metrics;

  @Resource TransactionSynchronizationRegistry transactions;

  /** The most calls written per transaction; 1 writes every call alone, as before group commit. */
  @Inject
  @ConfigProperty(name = "tally.ledger.group.max-size", defaultValue = "100")
  int maxSize;

  /** Groups written at once, each on its own connection, so the database overlaps their work. */
  @Inject
  @ConfigProperty(name = "tally.ledger.group.inflight", defaultValue = "2")
  int inflight;

  @Inject
  @ConfigProperty(name = "tally.ledger.group.wait-micros", defaultValue = "0")
  long waitMicros;

  @Inject
  @ConfigProperty(name = "tally.ledger.group.timeout-ms", defaultValue = "30000")
  long timeoutMillis;

  private CommitQueue<ChargeWrite, Optional<ChargeAttempt>> queue;

  @PostConstruct
  void start() {
    queue =
        new CommitQueue<>(
            new CommitQueue.Settings(
                Math.max(1, maxSize), Math.max(1, inflight), waitMicros, timeoutMillis),
            this::write,
            metrics::chargeGroup);
  }

  /**
   * Writes the charge in a group with the calls arriving at the same time: answers its attempt
   * (written, or refused with what the account was when its debit came), or empty when the caller
   * must write it alone.
   */
  public Optional<ChargeAttempt> charge(ChargeWrite write) {
    if (maxSize <= 1 || transactions.getTransactionStatus() != Status.STATUS_NO_TRANSACTION) {
      return Optional.empty();
    }
    return queue.submit(write);
  }

  private List<Optional<ChargeAttempt>> write(List<ChargeWrite> writes) {
    List<Optional<ChargeAttempt>> answers =
        new ArrayList<>(Collections.nCopies(writes.size(), Optional.empty()));
    if (writes.size() == 1) {
      // Written on the single path, but inside the group's slot: while it is written the next
      // callers queue up, and that is how groups form.
      return List.of(alone(writes.get(0)));
    }
    // By account, each account's calls in their order of arrival: groups in flight at once then
    // lock accounts in one order and do not deadlock each other (as a batch's groups do).
    Set<String> requests = new HashSet<>();
    List<Integer> grouped =
        IntStream.range(0, writes.size())
            .filter(i -> requests.add(writes.get(i).accountId() + ":" + writes.get(i).requestId()))
            .boxed()
            .sorted(Comparator.comparingLong(i -> writes.get(i).accountId()))
            .toList();
    List<ChargeAttempt> attempts;
    try {
      attempts = writer.chargeGroup(grouped.stream().map(writes::get).toList());
    } catch (DuplicateEntry seenBefore) {
      return answers;
    }
    for (int k = 0; k < grouped.size(); k++) {
      answers.set(grouped.get(k), Optional.of(attempts.get(k)));
    }
    return answers;
  }

  /** One charge as a single call writes it; empty on a requestId seen before. */
  private Optional<ChargeAttempt> alone(ChargeWrite write) {
    try {
      return Optional.of(ChargeAttempt.written(writer.charge(write)));
    } catch (DuplicateEntry seenBefore) {
      return Optional.empty();
    } catch (BillingException refused) {
      return Optional.of(ChargeAttempt.refused(refused));
    }
  }
}
