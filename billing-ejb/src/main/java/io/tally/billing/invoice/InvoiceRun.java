package io.tally.billing.invoice;

import static io.tally.billing.platform.Database.utc;

import io.tally.billing.platform.Database;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The invoice job: computes from the database every invoice that is due and missing — each ended
 * month, for each post-paid account that existed in it — and issues each in its own transaction. A
 * firing that was missed, or that runs twice or on two servers, still ends with one invoice per
 * account and month.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class InvoiceRun {

  private static final Logger LOG = Logger.getLogger(InvoiceRun.class.getName());

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  @Inject InvoiceIssuer issuer;

  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "tally.invoices.timezone", defaultValue = "UTC")
  String timezone;

  /** Issues every due invoice not issued yet; answers how many this run issued. */
  public int issueDue() {
    Instant now = clock.instant();
    YearMonth last = InvoiceMonths.lastDue(now, zone());
    int issued = 0;
    try (Connection connection = dataSource.getConnection()) {
      YearMonth first = firstMonth(connection);
      for (YearMonth month = first;
          month != null && !month.isAfter(last);
          month = month.plusMonths(1)) {
        for (long account : missing(connection, month)) {
          issued += issue(account, month);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not find due invoices", e);
    }
    return issued;
  }

  private ZoneId zone() {
    try {
      return ZoneId.of(timezone);
    } catch (DateTimeException e) {
      throw new IllegalStateException(
          "tally.invoices.timezone must be a time zone such as UTC or Europe/Paris: " + timezone,
          e);
    }
  }

  private int issue(long account, YearMonth month) {
    try {
      return issuer.issue(account, month) ? 1 : 0;
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "could not issue the " + month + " invoice of account " + account + "; next run retries",
          e);
      return 0;
    }
  }

  /** The month the oldest post-paid account was opened in, or null when there is none. */
  private static YearMonth firstMonth(Connection connection) throws SQLException {
    try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT MIN(created_at) FROM account WHERE billing_mode = 'POSTPAID'");
        ResultSet row = select.executeQuery()) {
      row.next();
      LocalDateTime oldest = row.getObject(1, LocalDateTime.class);
      return oldest == null ? null : InvoiceMonths.of(Database.instant(oldest));
    }
  }

  /** Post-paid accounts opened before {@code month} ended that have no invoice for it. */
  private static List<Long> missing(Connection connection, YearMonth month) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT a.id FROM account a WHERE a.billing_mode = 'POSTPAID' AND a.created_at < ?"
                + " AND NOT EXISTS (SELECT 1 FROM invoice i WHERE i.account_id = a.id"
                + " AND i.month = ?) ORDER BY a.id")) {
      select.setObject(1, utc(InvoiceMonths.start(month.plusMonths(1))));
      select.setString(2, month.toString());
      List<Long> accounts = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          accounts.add(rows.getLong(1));
        }
      }
      return accounts;
    }
  }
}
