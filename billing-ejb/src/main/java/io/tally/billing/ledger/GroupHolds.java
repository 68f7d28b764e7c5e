package io.tally.billing.ledger;

import static io.tally.billing.platform.Database.utc;

import io.tally.billing.api.BillingException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The holds a group's charges settle, locked before anything else of the group ({@code SELECT … FOR
 * UPDATE} in id order), as the single path's conditional UPDATE of the hold comes before its debit:
 * holds, then accounts, then keys, each in id order, is the order of every path that takes more
 * than one of them (a single charge, a hold's expiry, a group), so none waits for another in a
 * cycle. Placing a hold inserts a new row, which no group has named. With the rows locked, a hold
 * open when read stays open until the group settles it: the first charge of the group that names it
 * and is accepted settles it, as the first of several single charges would; one refused leaves it
 * open for the next. The UPDATE's {@code status = 'OPEN'} and its row count still guard it.
 */
final class GroupHolds {

  private static final GroupHolds NONE = new GroupHolds(Map.of());

  /** One named hold as read under its lock; {@code open} until a charge of the group settles it. */
  private static final class Hold {
    final long accountId;
    final BigDecimal amount;
    boolean open;

    Hold(long accountId, BigDecimal amount, boolean open) {
      this.accountId = accountId;
      this.amount = amount;
      this.open = open;
    }
  }

  private final Map<Long, Hold> holds;
  private final List<Long> settled = new ArrayList<>();

  private GroupHolds(Map<Long, Hold> holds) {
    this.holds = holds;
  }

  /** Locks the holds the charges name, in id order; none when no charge names one. */
  static GroupHolds lock(Connection connection, List<ChargeWrite> writes) throws SQLException {
    List<Long> ids =
        new ArrayList<>(
            new TreeSet<>(
                writes.stream()
                    .map(ChargeWrite::authorizationId)
                    .filter(Objects::nonNull)
                    .toList()));
    if (ids.isEmpty()) {
      return NONE;
    }
    Map<Long, Hold> holds = new HashMap<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT id, account_id, amount, status FROM authorization_hold WHERE id IN ("
                + ChargeSql.marks(ids.size())
                + ") ORDER BY id FOR UPDATE")) {
      for (int i = 0; i < ids.size(); i++) {
        select.setLong(i + 1, ids.get(i));
      }
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          holds.put(
              row.getLong(1),
              new Hold(row.getLong(2), row.getBigDecimal(3), "OPEN".equals(row.getString(4))));
        }
      }
    }
    return new GroupHolds(holds);
  }

  /** The 404 of a charge naming a hold its account does not have; null when all is well. */
  BillingException unknown(ChargeWrite write) {
    if (write.authorizationId() == null) {
      return null;
    }
    Hold hold = holds.get(write.authorizationId());
    return hold == null || hold.accountId != write.accountId()
        ? Holds.notFound(write.authorizationId())
        : null;
  }

  /**
   * The amount of the open hold the charge would settle; null when it names none, or one no longer
   * open (the charge is then an unauthorized call).
   */
  BigDecimal open(ChargeWrite write) {
    Hold hold = write.authorizationId() == null ? null : holds.get(write.authorizationId());
    return hold != null && hold.open ? hold.amount : null;
  }

  /** The charge was accepted: its hold is settled, for the group's later charges too. */
  void settle(ChargeWrite write) {
    holds.get(write.authorizationId()).open = false;
    settled.add(write.authorizationId());
  }

  /** One UPDATE of the holds the group settled; each must still be open, or it is a fault. */
  void write(Connection connection, Instant now) throws SQLException {
    if (settled.isEmpty()) {
      return;
    }
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE authorization_hold SET status = 'SETTLED', closed_at = ? WHERE id IN ("
                + ChargeSql.marks(settled.size())
                + ") AND status = 'OPEN'")) {
      update.setObject(1, utc(now));
      for (int i = 0; i < settled.size(); i++) {
        update.setLong(i + 2, settled.get(i));
      }
      int matched = update.executeUpdate();
      if (matched != settled.size()) {
        throw new IllegalStateException(
            "the group settled " + settled.size() + " holds, the UPDATE matched " + matched);
      }
    }
  }
}
