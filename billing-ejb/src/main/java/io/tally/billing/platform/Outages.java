package io.tally.billing.platform;

import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import javax.transaction.xa.XAException;

/**
 * Tells a fault of the database from a bug: the database unreachable, the pool out of connections,
 * a lock wait timeout or a deadlock that retries did not resolve, a statement or transaction that
 * timed out. A fault passes by itself (the caller may retry later: 503); a bug does not (500).
 *
 * <p>The layers between a JDBC call and the caller wrap what they catch (an EJB in {@code
 * EJBException}, EclipseLink in {@code DatabaseException}, Tally's JDBC code in {@code
 * IllegalStateException}, Payara's pool in {@code ResourceException}), so the whole cause chain is
 * read, and the servers' own classes are matched by name: the application does not link them.
 */
public final class Outages {

  private static final int LOCK_WAIT_TIMEOUT = 1205;
  private static final int DEADLOCK = 1213;
  private static final int QUERY_INTERRUPTED = 1317;
  private static final int STATEMENT_TIMEOUT = 1969;
  private static final int SERVER_SHUTDOWN = 1053;
  private static final int CONNECTION_KILLED = 1927;

  /**
   * Simple names of the servers' exceptions (or their superclasses) that mean a connection could
   * not be had or used in time.
   */
  private static final Set<String> SERVER_FAULTS =
      Set.of(
          "ResourceException", // jakarta.resource and its subclasses: the pool, local transactions
          "ResourceAllocationException",
          "PoolingException", // Payara's pool: exhausted or its database unreachable
          "ConcurrentAccessTimeoutException",
          "QueryTimeoutException", // jakarta.persistence
          "LockTimeoutException",
          "PessimisticLockException");

  /**
   * Packages of Payara's connection pool. Whatever it throws on its own (not a driver's exception
   * it passes on) comes from handling a connection that failed: for one, racing threads that each
   * drop every connection of a dead database make its resizer timer throw {@code
   * IllegalStateException: Task already scheduled or cancelled} into the committing request.
   */
  private static final List<String> POOL_PACKAGES =
      List.of("com.sun.enterprise.resource.", "com.sun.enterprise.connectors.");

  private Outages() {}

  /** Whether {@code e}, or anything it wraps, is a passing fault of the database. */
  public static boolean isOutage(Throwable e) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Throwable> todo = new ArrayDeque<>();
    todo.add(e);
    while (!todo.isEmpty()) {
      Throwable next = todo.poll();
      if (!seen.add(next)) {
        continue;
      }
      if (isFault(next)) {
        return true;
      }
      addIfAny(todo, next.getCause());
      if (next instanceof SQLException sql) {
        addIfAny(todo, sql.getNextException());
      }
      addIfAny(todo, internal(next));
    }
    return false;
  }

  private static void addIfAny(Deque<Throwable> todo, Throwable wrapped) {
    if (wrapped != null) {
      todo.add(wrapped);
    }
  }

  private static boolean isFault(Throwable e) {
    if (e instanceof SQLException sql) {
      return isFault(sql);
    }
    if (e instanceof ConnectException
        || e instanceof SocketTimeoutException
        // The transaction manager could not commit or roll back on the connection: a commit cut
        // off by the database going away ends here, with the driver's error only in the text.
        || e instanceof XAException) {
      return true;
    }
    for (Class<?> type = e.getClass(); type != null; type = type.getSuperclass()) {
      if (SERVER_FAULTS.contains(type.getSimpleName())) {
        return true;
      }
    }
    return thrownByThePool(e);
  }

  private static boolean thrownByThePool(Throwable e) {
    StackTraceElement[] frames = e.getStackTrace();
    if (frames.length == 0) {
      return false;
    }
    String thrower = frames[0].getClassName();
    return POOL_PACKAGES.stream().anyMatch(thrower::startsWith);
  }

  private static boolean isFault(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    int code = e.getErrorCode();
    return e instanceof SQLTransientException // timeouts, rollbacks, transient connections
        || e instanceof SQLNonTransientConnectionException
        || e instanceof SQLRecoverableException
        || state.startsWith("08") // connection exception
        || state.equals("40001") // serialization failure, deadlock
        || state.startsWith("HYT") // timeout expired
        || state.equals("70100") // query interrupted (statement timeout)
        || code == LOCK_WAIT_TIMEOUT
        || code == DEADLOCK
        || code == QUERY_INTERRUPTED
        || code == STATEMENT_TIMEOUT
        || code == SERVER_SHUTDOWN
        || code == CONNECTION_KILLED
        || isPoolTimeout(e);
  }

  /** Payara's pool says it in words only (no SQL state) when its wait for a connection expires. */
  private static boolean isPoolTimeout(SQLException e) {
    String message = e.getMessage();
    return message != null && message.startsWith("Error in allocating a connection");
  }

  /** EclipseLink keeps the exception it wrapped apart from {@code getCause()} in older paths. */
  private static Throwable internal(Throwable e) {
    try {
      Method getter = e.getClass().getMethod("getInternalException");
      return getter.invoke(e) instanceof Throwable wrapped ? wrapped : null;
    } catch (ReflectiveOperationException | RuntimeException notThere) {
      return null;
    }
  }
}
