package io.tally.billing.ledger;

import io.tally.billing.api.BillingException;
import io.tally.billing.ledger.Refusal.Snapshot;
import io.tally.billing.platform.Database;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Several charges written in one transaction with a handful of statements: their conditional debits
 * as one batch (the database applies them in order, each checking the balance the previous ones
 * left), then one read of the accounts they touched, then the charges, ledger entries and rollups
 * as one batch each. The balance after each charge, and the state a refused charge met, are worked
 * back from the accounts' final state: the group holds the row lock of every account it debited, so
 * nothing else changed them meanwhile.
 */
final class ChargeGroup {

  private final List<ChargeWrite> writes;
  private final Instant now;
  private final LocalDate month;
  private final ChargeAttempt[] attempts;

  /** Each written charge's account after it (id not known yet); null for a refused one. */
  private final WrittenCharge[] afters;

  private ChargeGroup(List<ChargeWrite> writes, Instant now) {
    this.writes = writes;
    this.now = now;
    this.month = LedgerWriter.monthOf(now);
    this.attempts = new ChargeAttempt[writes.size()];
    this.afters = new WrittenCharge[writes.size()];
  }

  /**
   * Charges against an authorization are not grouped: they settle a hold first. Nor are charges
   * that spend from a key: a key's refusal must undo its account's debit alone.
   */
  static List<ChargeAttempt> write(Connection connection, List<ChargeWrite> writes, Instant now)
      throws SQLException {
    if (writes.stream().anyMatch(write -> write.authorizationId() != null)) {
      throw new IllegalArgumentException("a charge against an authorization is not grouped");
    }
    if (writes.stream().anyMatch(write -> write.apiKeyId() != null)) {
      throw new IllegalArgumentException("a charge that spends from a key is not grouped");
    }
    ChargeGroup group = new ChargeGroup(writes, now);
    int[] applied = group.debit(connection);
    group.workBack(applied, group.accounts(connection));
    group.record(connection);
    return Arrays.asList(group.attempts);
  }

  private int[] debit(Connection connection) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(ChargeSql.CHARGE_DEBIT)) {
      for (ChargeWrite write : writes) {
        ChargeSql.bindChargeDebit(update, write, month);
        update.addBatch();
      }
      int[] applied = update.executeBatch();
      for (int count : applied) {
        if (count != 0 && count != 1) {
          throw new IllegalStateException("a debit answered " + count + " rows changed");
        }
      }
      return applied;
    }
  }

  /** An account as the group left it, then as it was before each of its charges, going back. */
  private static final class Account {
    final Snapshot state;
    BigDecimal balance;
    BigDecimal used;
    int workflowUsed;
    BigDecimal spent;
    final Instant since;

    Account(Snapshot state, Instant since) {
      this.state = state;
      this.balance = state.balance();
      this.used = state.fairUseUsed();
      this.workflowUsed = state.workflowUsed();
      this.spent = state.spent();
      this.since = since;
    }

    Snapshot now() {
      return state.with(balance, used, workflowUsed, spent);
    }
  }

  private Map<Long, Account> accounts(Connection connection) throws SQLException {
    List<Long> ids = writes.stream().map(ChargeWrite::accountId).distinct().toList();
    String marks = ids.stream().map(id -> "?").collect(Collectors.joining(","));
    Map<Long, Account> accounts = new HashMap<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT id, "
                + Refusal.COLUMNS
                + ", fair_use_since FROM account WHERE id IN ("
                + marks
                + ")")) {
      for (int i = 0; i < ids.size(); i++) {
        select.setLong(i + 1, ids.get(i));
      }
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          // The period's start is kept only on plans with a fair-use cap or a workflow quota.
          LocalDateTime since = row.getObject(2 + Refusal.COLUMN_COUNT, LocalDateTime.class);
          accounts.put(
              row.getLong(1),
              new Account(
                  Snapshot.read(row, 2, month), since == null ? null : Database.instant(since)));
        }
      }
    }
    return accounts;
  }

  /** The debit {@code CHARGE_DEBIT} made, undone in Java from the last charge to the first. */
  private void workBack(int[] applied, Map<Long, Account> accounts) {
    for (int k = writes.size() - 1; k >= 0; k--) {
      ChargeWrite write = writes.get(k);
      Account account = accounts.get(write.accountId());
      if (account == null) {
        attempts[k] = ChargeAttempt.refused(Refusal.notFound(write.accountId()));
        continue;
      }
      BigDecimal cap = account.state.fairUseCap();
      if (applied[k] == 0) {
        BillingException refused = Refusal.of(account.now(), write.amount(), write.workflowRuns());
        attempts[k] = ChargeAttempt.refused(refused);
        continue;
      }
      afters[k] = after(account, write);
      account.balance = account.balance.add(write.amount());
      if (cap != null) {
        account.used = account.used.subtract(write.amount());
      }
      if (account.state.workflowQuota() != null) {
        account.workflowUsed -= write.workflowRuns();
      }
      account.spent = account.spent.subtract(write.amount());
    }
  }

  /** The account right after {@code write}, as the working back has it. */
  private WrittenCharge after(Account account, ChargeWrite write) {
    Snapshot state = account.state;
    Integer quota = state.workflowQuota();
    return new WrittenCharge(
        0,
        account.balance,
        null,
        state.fairUseCap() == null
            ? null
            : new WrittenCharge.FairUse(account.used, state.fairUseCap(), account.since),
        new WrittenCharge.Limits(
            quota == null || write.workflowRuns() == 0
                ? null
                : new WrittenCharge.Quota(account.workflowUsed, quota, account.since),
            state.spendLimit() == null
                ? null
                : new WrittenCharge.Spend(account.spent, state.spendLimit(), month),
            null));
  }

  private void record(Connection connection) throws SQLException {
    List<Integer> written = new ArrayList<>();
    try (PreparedStatement charges =
            connection.prepareStatement(ChargeSql.CHARGE, Statement.RETURN_GENERATED_KEYS);
        PreparedStatement entries = connection.prepareStatement(ChargeSql.ENTRY);
        PreparedStatement rollups = connection.prepareStatement(ChargeSql.ROLLUP)) {
      for (int k = 0; k < writes.size(); k++) {
        if (afters[k] == null) {
          continue;
        }
        ChargeWrite write = writes.get(k);
        ChargeSql.bindCharge(charges, write, afters[k].balanceAfter(), now);
        charges.addBatch();
        ChargeSql.bindEntry(entries, ChargeSql.usagePosting(write), afters[k].balanceAfter(), now);
        entries.addBatch();
        ChargeSql.bindRollups(rollups, write);
        written.add(k);
      }
      if (written.isEmpty()) {
        return;
      }
      // A requestId seen before surfaces here, on the charge's unique key.
      ChargeSql.executeGroup(charges);
      try (ResultSet keys = charges.getGeneratedKeys()) {
        for (int k : written) {
          if (!keys.next()) {
            throw new IllegalStateException("the charge batch answered too few ids");
          }
          attempts[k] =
              ChargeAttempt.written(
                  new WrittenCharge(
                      keys.getLong(1),
                      afters[k].balanceAfter(),
                      now,
                      afters[k].fairUse(),
                      afters[k].limits()));
        }
      }
      ChargeSql.executeGroup(entries);
      rollups.executeBatch();
      SpeedRollup.add(connection, written.stream().map(writes::get).toList());
    }
  }
}
