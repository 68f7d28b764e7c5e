package io.tally.billing.ledger;

import io.tally.billing.api.BillingException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The API keys a group's charges spend from, locked after the group's accounts ({@code SELECT … FOR
 * UPDATE} in id order), as the single path updates the key after the account. With the rows locked,
 * each charge is decided in Java by {@code LimitSql}'s key debit, against what the group's earlier
 * charges of the key left: counted always, refused past the key's monthly limit unless it settles a
 * hold (the work was done). One UPDATE then adds each key's accepted sum; its WHERE still refuses a
 * sum past the limit of a key none of whose charges settled a hold.
 */
final class GroupKeys {

  private static final GroupKeys NONE = new GroupKeys(Map.of(), null);

  /** One key as read under its lock, and what the group's accepted charges add to it. */
  private static final class Key {
    final long accountId;
    final BigDecimal limit;
    BigDecimal spent;
    BigDecimal added = BigDecimal.ZERO;
    int accepted;
    boolean settles;

    Key(long accountId, BigDecimal limit, BigDecimal spent) {
      this.accountId = accountId;
      this.limit = limit;
      this.spent = spent;
    }
  }

  private final Map<Long, Key> keys;
  private final LocalDate month;

  private GroupKeys(Map<Long, Key> keys, LocalDate month) {
    this.keys = keys;
    this.month = month;
  }

  /** Locks the keys the charges spend from, in id order; none when no charge names one. */
  static GroupKeys lock(Connection connection, List<ChargeWrite> writes, LocalDate month)
      throws SQLException {
    List<Long> ids =
        new ArrayList<>(
            new TreeSet<>(
                writes.stream().map(ChargeWrite::apiKeyId).filter(Objects::nonNull).toList()));
    if (ids.isEmpty()) {
      return NONE;
    }
    Map<Long, Key> keys = new TreeMap<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT id, account_id, spend_limit, spend_month, spent FROM api_key WHERE id IN ("
                + ChargeSql.marks(ids.size())
                + ") ORDER BY id FOR UPDATE")) {
      for (int i = 0; i < ids.size(); i++) {
        select.setLong(i + 1, ids.get(i));
      }
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          keys.put(
              row.getLong(1),
              new Key(
                  row.getLong(2),
                  row.getBigDecimal(3),
                  LimitSql.spentIn(month, row.getObject(4, LocalDate.class), row, 5)));
        }
      }
    }
    return new GroupKeys(keys, month);
  }

  /**
   * Why the key refuses the charge (its account's debit having fitted), as the key's conditional
   * UPDATE would: no such key on the account, or its limit passed; null when it takes it.
   */
  BillingException refusal(ChargeWrite write, BigDecimal hold) {
    if (write.apiKeyId() == null) {
      return null;
    }
    Key key = keys.get(write.apiKeyId());
    if (key == null || key.accountId != write.accountId()) {
      return LimitSql.keyNotFound(write);
    }
    if (hold != null
        || key.limit == null
        || key.spent.add(write.amount()).compareTo(key.limit) <= 0) {
      return null;
    }
    return LimitSql.spendLimitReached("key", key.limit, key.spent);
  }

  /**
   * Counts the accepted charge toward its key ({@code hold}: the amount of the hold it settles, or
   * null); answers {@code after} with the key's spend.
   */
  WrittenCharge apply(ChargeWrite write, BigDecimal hold, WrittenCharge after) {
    if (write.apiKeyId() == null) {
      return after;
    }
    Key key = keys.get(write.apiKeyId());
    key.spent = key.spent.add(write.amount());
    key.added = key.added.add(write.amount());
    key.accepted++;
    key.settles |= hold != null;
    WrittenCharge.Limits limits = after.limits();
    return new WrittenCharge(
        after.id(),
        after.balanceAfter(),
        after.createdAt(),
        after.fairUse(),
        new WrittenCharge.Limits(
            limits.workflow(),
            limits.account(),
            key.limit == null ? null : new WrittenCharge.Spend(key.spent, key.limit, month)));
  }

  /** One UPDATE of every key the group's accepted charges spent from. */
  void write(Connection connection) throws SQLException {
    // Every key with an accepted charge, a free one too: it moves spend_month on, as the single
    // path's UPDATE does.
    List<Map.Entry<Long, Key>> written =
        keys.entrySet().stream().filter(entry -> entry.getValue().accepted > 0).toList();
    if (written.isEmpty()) {
      return;
    }
    String sums = " CASE id" + " WHEN ? THEN ?".repeat(written.size()) + " END";
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE api_key SET spent = IF(spend_month = ?, spent, 0) +"
                + sums
                + ", spend_month = ? WHERE id IN ("
                + ChargeSql.marks(written.size())
                + ") AND (spend_limit IS NULL OR"
                + sums
                + " OR IF(spend_month = ?, spent, 0) +"
                + sums
                + " <= spend_limit)")) {
      int next = 1;
      update.setDate(next++, Date.valueOf(month));
      next = bind(update, next, written, key -> key.added);
      update.setDate(next++, Date.valueOf(month));
      for (Map.Entry<Long, Key> entry : written) {
        update.setLong(next++, entry.getKey());
      }
      next = bind(update, next, written, key -> key.settles);
      update.setDate(next++, Date.valueOf(month));
      bind(update, next, written, key -> key.added);
      int matched = update.executeUpdate();
      if (matched != written.size()) {
        throw new IllegalStateException(
            "the group's spend of " + written.size() + " keys matched " + matched);
      }
    }
  }

  /** Binds {@code WHEN id THEN value} for each key; answers the next index. */
  private static int bind(
      PreparedStatement update,
      int next,
      List<Map.Entry<Long, Key>> written,
      Function<Key, Object> value)
      throws SQLException {
    for (Map.Entry<Long, Key> entry : written) {
      update.setLong(next++, entry.getKey());
      update.setObject(next++, value.apply(entry.getValue()));
    }
    return next;
  }
}
