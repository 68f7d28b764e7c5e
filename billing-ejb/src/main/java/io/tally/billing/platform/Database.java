package io.tally.billing.platform;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Facts about Tally's one database that several features share. */
public final class Database {

  /**
   * The server's data source {@code jdbc/tally}, as the application names it. The server defines it
   * (for Payara Micro, billing-web/src/main/payara/datasource.asadmin) so that its pool size comes
   * from configuration. A bare {@code jdbc/tally} is a global name on Payara but each bean's own
   * {@code java:comp/env} on WildFly, so the WAR's web.xml declares this one application-wide name
   * and each server's descriptor maps it to its data source (glassfish-web.xml, jboss-web.xml).
   */
  public static final String JNDI_NAME = "java:app/jdbc/tally";

  private static final int DUPLICATE_KEY = 1062;
  private static final int DEADLOCK = 1213;
  private static final int LOCK_WAIT_TIMEOUT = 1205;

  private Database() {}

  /** Times are stored as UTC {@code DATETIME(6)}: microseconds, as the column keeps them. */
  public static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
  }

  public static Instant instant(LocalDateTime utc) {
    return utc.toInstant(ZoneOffset.UTC);
  }

  /** ISO-8601 text of a stored UTC time, as callers see it. */
  public static String format(LocalDateTime utc) {
    return utc == null ? null : instant(utc).toString();
  }

  /** The key the database gave the row {@code insert} just wrote. */
  public static long generatedId(PreparedStatement insert) throws SQLException {
    try (ResultSet keys = insert.getGeneratedKeys()) {
      keys.next();
      return keys.getLong(1);
    }
  }

  public static boolean isDuplicateKey(SQLException e) {
    return e.getErrorCode() == DUPLICATE_KEY
        || "23000".equals(e.getSQLState()) && e.getErrorCode() == 0;
  }

  /** A conflict that a fresh attempt of the same transaction resolves. */
  public static boolean isRetryable(SQLException e) {
    return e.getErrorCode() == DEADLOCK
        || e.getErrorCode() == LOCK_WAIT_TIMEOUT
        || "40001".equals(e.getSQLState());
  }
}
