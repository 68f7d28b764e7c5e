package io.tally.billing.platform;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Which cluster member runs a timer job now: one {@code job_lease} row per job, claimed by a
 * conditional {@code UPDATE} when its lease is free or has run out, so of two members that fire
 * together one runs the job and the other skips the firing. Plain SQL on the application's data
 * source, so it holds on any server (EJB timers are per member on Payara Micro and WildFly alike).
 * Each claim and release commits on its own: the job's work must never share its transaction.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class JobLeases {

  /**
   * How long a member that died mid-run keeps the job from the others; the lease ends at once when
   * the run ends. A run that takes longer (renewals waiting on a slow card processor) may overlap
   * with another member's: the per-item claims still make each item's work happen once.
   */
  static final int LEASE_SECONDS = 60;

  /** This member, as {@code job_lease.holder} shows it: the JVM's pid@host and a random part. */
  static final String MEMBER =
      ManagementFactory.getRuntimeMXBean().getName()
          + "/"
          + UUID.randomUUID().toString().substring(0, 8);

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  /** Takes the job's lease for this member; false when another member holds it. */
  public boolean claim(String job) {
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement update =
          connection.prepareStatement(
              "UPDATE job_lease SET holder = ?,"
                  + " leased_until = UTC_TIMESTAMP(6) + INTERVAL "
                  + LEASE_SECONDS
                  + " SECOND WHERE job = ? AND leased_until <= UTC_TIMESTAMP(6)")) {
        update.setString(1, MEMBER);
        update.setString(2, job);
        if (update.executeUpdate() == 1) {
          return true;
        }
      }
      // The job's first run anywhere: its row does not exist yet, and one member's INSERT wins.
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT IGNORE INTO job_lease (job, holder, leased_until) VALUES"
                  + " (?, ?, UTC_TIMESTAMP(6) + INTERVAL "
                  + LEASE_SECONDS
                  + " SECOND)")) {
        insert.setString(1, job);
        insert.setString(2, MEMBER);
        return insert.executeUpdate() == 1;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("claiming the lease of job " + job, e);
    }
  }

  /** Ends this member's lease of the job, so the next firing of any member may run it. */
  public void release(String job) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE job_lease SET leased_until = UTC_TIMESTAMP(6)"
                    + " WHERE job = ? AND holder = ?")) {
      update.setString(1, job);
      update.setString(2, MEMBER);
      update.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("releasing the lease of job " + job, e);
    }
  }
}
