package io.tally.billing.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBException;
import jakarta.ejb.EJBTransactionRolledbackException;
import jakarta.persistence.PersistenceException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.LocalTransactionException;
import jakarta.transaction.SystemException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransientConnectionException;
import javax.transaction.xa.XAException;
import org.junit.jupiter.api.Test;

public class OutagesTest {

  @Test
  void databaseUnreachableBehindAnEjbIsAnOutage() {
    SQLException refused =
        new SQLNonTransientConnectionException(
            "Socket fail to connect", "08000", 0, new ConnectException("refused"));
    assertTrue(
        Outages.isOutage(new EJBException(new IllegalStateException("could not charge", refused))));
  }

  @Test
  void lockWaitTimeoutAndDeadlockAreOutages() {
    assertTrue(
        Outages.isOutage(
            new EJBTransactionRolledbackException(
                "rolled back", new SQLException("Lock wait timeout exceeded", "HY000", 1205))));
    assertTrue(
        Outages.isOutage(
            new PersistenceException(new SQLException("Deadlock found", "40001", 1213))));
  }

  @Test
  void exhaustedPoolIsAnOutage() {
    SQLException pool =
        new SQLException(
            "Error in allocating a connection. Cause: In-use connections equal max-pool-size",
            new ResourceException("In-use connections equal max-pool-size"));
    assertTrue(Outages.isOutage(new IllegalStateException("could not read", pool)));
    assertTrue(Outages.isOutage(new SQLTransientConnectionException("pool timeout")));
  }

  @Test
  void whatThePoolThrowsOfItsOwnWhileDroppingDeadConnectionsIsAnOutage() {
    IllegalStateException timer =
        thrownAt(
            new IllegalStateException("Task already scheduled or cancelled"),
            "com.sun.enterprise.connectors.util.ConnectorTimerProxy",
            "com.sun.enterprise.resource.pool.ConnectionPool");
    assertTrue(
        Outages.isOutage(new EJBException("Task already scheduled or cancelled", timer)),
        "CrashIT saw this answer 500 while MariaDB was being killed");
    IllegalStateException ours =
        thrownAt(
            new IllegalStateException("Task already scheduled or cancelled"),
            "io.tally.billing.usage.Charging",
            "com.sun.enterprise.resource.pool.ConnectionPool");
    assertFalse(Outages.isOutage(new EJBException(ours)), "only the thrower counts");
  }

  private static <T extends Throwable> T thrownAt(T e, String... classes) {
    StackTraceElement[] frames = new StackTraceElement[classes.length];
    for (int i = 0; i < classes.length; i++) {
      frames[i] = new StackTraceElement(classes[i], "run", null, -1);
    }
    e.setStackTrace(frames);
    return e;
  }

  @Test
  void aCommitCutOffByTheDatabaseIsAnOutage() {
    XAException cutOff =
        new XAException("jakarta.resource.spi.LocalTransactionException: (conn=9) Socket error");
    assertTrue(
        Outages.isOutage(
            new EJBException(
                "Unable to complete container-managed transaction.",
                (Exception) new SystemException().initCause(cutOff))));
    assertTrue(
        Outages.isOutage(new EJBException(new LocalTransactionException("Connection is closed"))));
  }

  @Test
  void aCauseHiddenOutsideGetCauseIsFound() {
    assertTrue(Outages.isOutage(new Internal(new SQLException("gone", "08S01", 0))));
  }

  @Test
  void bugsAndRefusalsAreNotOutages() {
    assertFalse(Outages.isOutage(new NullPointerException()));
    assertFalse(
        Outages.isOutage(new EJBException(new SQLSyntaxErrorException("bad SQL", "42000", 1064))));
    assertFalse(
        Outages.isOutage(
            new IllegalStateException(
                new SQLIntegrityConstraintViolationException("duplicate", "23000", 1062))));
  }

  @Test
  void aCycleInTheChainEnds() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    assertFalse(Outages.isOutage(a));
  }

  /** Like EclipseLink's exceptions: the wrapped exception is kept apart from the cause. */
  public static final class Internal extends RuntimeException {
    private final Throwable internal;

    Internal(Throwable internal) {
      super("wrapped");
      this.internal = internal;
    }

    public Throwable getInternalException() {
      return internal;
    }
  }
}
