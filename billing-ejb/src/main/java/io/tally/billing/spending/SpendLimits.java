package io.tally.billing.spending;

import io.tally.billing.api.AuditAction;
import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.Money;
import io.tally.billing.api.SpendLimitService;
import io.tally.billing.api.SpendLimitView;
import io.tally.billing.audit.AuditTrail;
import io.tally.billing.audit.Change;
import io.tally.billing.platform.Database;
import jakarta.annotation.Resource;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Sets and reads spend limits. A change locks its row, so the audit's before and after are what
 * this change did; a change that changes nothing is not audited. The charge path never reads here.
 */
@Stateless
@Local(SpendLimitService.class)
public class SpendLimits implements SpendLimitService {

  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  @Inject AuditTrail audit;

  @Inject Clock clock;

  /** Which row a limit is on: the account, or one of its keys. */
  private record Scope(String name, long accountId, Long keyId) {

    String select() {
      return keyId == null
          ? "SELECT spend_limit, spend_month, spent FROM account WHERE id = ?"
          : "SELECT spend_limit, spend_month, spent FROM api_key WHERE id = ? AND account_id = ?";
    }

    String update() {
      return keyId == null
          ? "UPDATE account SET spend_limit = ? WHERE id = ?"
          : "UPDATE api_key SET spend_limit = ? WHERE id = ? AND account_id = ?";
    }

    int bindRow(PreparedStatement statement, int index) throws SQLException {
      if (keyId == null) {
        statement.setLong(index, accountId);
        return index + 1;
      }
      statement.setLong(index, keyId);
      statement.setLong(index + 1, accountId);
      return index + 2;
    }

    BillingException notFound() {
      return keyId == null
          ? new BillingException(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + accountId)
          : new BillingException(
              ErrorCode.API_KEY_NOT_FOUND, "no key " + keyId + " on account " + accountId);
    }
  }

  @Override
  public SpendLimitView accountLimit(long accountId) {
    return read(new Scope("account", accountId, null), false);
  }

  @Override
  public SpendLimitView setAccountLimit(long accountId, BigDecimal limit) {
    return set(new Scope("account", accountId, null), limit);
  }

  @Override
  public SpendLimitView keyLimit(long accountId, long keyId) {
    return read(new Scope("key", accountId, keyId), false);
  }

  @Override
  public SpendLimitView setKeyLimit(long accountId, long keyId, BigDecimal limit) {
    return set(new Scope("key", accountId, keyId), limit);
  }

  private SpendLimitView set(Scope scope, BigDecimal limit) {
    if (limit != null && limit.signum() < 0) {
      throw BillingException.invalid("limit", "limit must not be negative");
    }
    if (limit != null && !Money.isExact(limit)) {
      throw BillingException.invalid("limit", "limit must have at most 6 decimal places");
    }
    BigDecimal exact = limit == null ? null : Money.of(limit);
    SpendLimitView before = read(scope, true);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(scope.update())) {
      update.setBigDecimal(1, exact);
      scope.bindRow(update, 2);
      update.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("could not set a spend limit", e);
    }
    SpendLimitView after =
        new SpendLimitView(
            before.scope(), before.keyId(), Money.format(exact), before.spent(), before.month());
    if (!Objects.equals(before.limit(), after.limit())) {
      audit.record(
          new Change(
              AuditAction.SPEND_LIMIT_CHANGED,
              scope.keyId() == null ? Long.toString(scope.accountId()) : "key " + scope.keyId(),
              scope.accountId(),
              state(before),
              state(after),
              null));
    }
    return after;
  }

  private SpendLimitView read(Scope scope, boolean lock) {
    LocalDate month = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).withDayOfMonth(1);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(scope.select() + (lock ? " FOR UPDATE" : ""))) {
      scope.bindRow(select, 1);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          throw scope.notFound();
        }
        BigDecimal spent =
            month.equals(row.getObject(2, LocalDate.class))
                ? row.getBigDecimal(3)
                : Money.of(BigDecimal.ZERO);
        return new SpendLimitView(
            scope.name(),
            scope.keyId(),
            Money.format(row.getBigDecimal(1)),
            Money.format(spent),
            month.format(MONTH));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read a spend limit", e);
    }
  }

  private static Map<String, Object> state(SpendLimitView view) {
    return Change.state("scope", view.scope(), "keyId", view.keyId(), "limit", view.limit());
  }
}
