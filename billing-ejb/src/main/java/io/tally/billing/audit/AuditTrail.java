package io.tally.billing.audit;

import io.tally.billing.api.Actor;
import io.tally.billing.api.AuditPage;
import io.tally.billing.api.AuditQuery;
import io.tally.billing.api.AuditService;
import io.tally.billing.platform.Database;
import io.tally.billing.platform.Json;
import jakarta.annotation.Resource;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Writes audit entries inside the actions' transactions and reads them back for admins. Writing is
 * one plain {@code INSERT} on the action's own connection (the pool shares it within a
 * transaction); reading is JPA, newest first, paged by id.
 */
@Stateless
@LocalBean
@Local(AuditService.class)
public class AuditTrail implements AuditService {

  private static final String INSERT =
      "INSERT INTO audit_entry (occurred_at, actor_kind, actor, source_address, action, target,"
          + " account_id, before_state, after_state, idempotency_key)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  @PersistenceContext EntityManager em;

  @Inject CurrentActor currentActor;

  @Inject Clock clock;

  /**
   * Records {@code change} in the caller's transaction: there must be one, or the entry could
   * outlive an action that rolled back (or be lost by one that committed).
   */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public void record(Change change) {
    Actor actor = actor();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setObject(1, Database.utc(clock.instant()));
      insert.setString(2, actor.kind().name());
      insert.setString(3, actor.label());
      insert.setString(4, actor.address());
      insert.setString(5, change.action().code());
      insert.setString(6, change.target());
      insert.setObject(7, change.accountId());
      insert.setString(8, change.before() == null ? null : Json.write(change.before()));
      insert.setString(9, change.after() == null ? null : Json.write(change.after()));
      insert.setString(10, change.idempotencyKey());
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("the audit entry could not be written", e);
    }
  }

  /**
   * Runs {@code action} and records what {@code change} makes of its result, in one transaction
   * (the caller's, or a new one). A null change records nothing (the action changed nothing); an
   * action that throws records nothing either.
   */
  public <T> T within(Supplier<T> action, Function<? super T, Change> change) {
    T result = action.get();
    Change done = change.apply(result);
    if (done != null) {
      record(done);
    }
    return result;
  }

  /** Runs {@code action} and records {@code change} (if not null) in one transaction. */
  public void within(Runnable action, Change change) {
    action.run();
    if (change != null) {
      record(change);
    }
  }

  /**
   * The rest of this request or timer run acts as the system: a job's changes are Tally's own,
   * whoever woke the job (its timer, or a test that runs it).
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public void actAsSystem() {
    try {
      currentActor.set(Actor.system());
    } catch (ContextNotActiveException noRequest) {
      // Without a request the actor is the system already.
    }
  }

  /** Newest first; each filter given narrows it (the indexes lead with account and action). */
  @Override
  public AuditPage entries(AuditQuery query) {
    String where =
        (query.accountId() == null ? "" : " AND e.accountId = :account")
            + (query.action() == null ? "" : " AND e.action = :action");
    TypedQuery<AuditEntry> select =
        em.createQuery(
                "SELECT e FROM AuditEntry e WHERE e.id < :cursor" + where + " ORDER BY e.id DESC",
                AuditEntry.class)
            .setParameter("cursor", query.cursor() == null ? Long.MAX_VALUE : query.cursor())
            .setMaxResults(query.limit() + 1);
    if (query.accountId() != null) {
      select.setParameter("account", query.accountId());
    }
    if (query.action() != null) {
      select.setParameter("action", query.action().code());
    }
    List<AuditEntry> entries = select.getResultList();
    boolean more = entries.size() > query.limit();
    List<AuditEntry> page = more ? entries.subList(0, query.limit()) : entries;
    String next = more ? Long.toString(page.get(page.size() - 1).id()) : null;
    return new AuditPage(page.stream().map(AuditTrail::view).toList(), next);
  }

  /** The request's actor; the system where no request is being served. */
  private Actor actor() {
    try {
      return currentActor.get();
    } catch (ContextNotActiveException noRequest) {
      return Actor.system();
    }
  }

  private static AuditPage.Entry view(AuditEntry entry) {
    return new AuditPage.Entry(
        entry.id(),
        Database.format(entry.occurredAt()),
        entry.actorKind(),
        entry.actor(),
        entry.sourceAddress(),
        entry.action(),
        entry.target(),
        entry.accountId(),
        state(entry.before()),
        state(entry.after()),
        entry.idempotencyKey());
  }

  private static Map<String, Object> state(String json) {
    return json == null ? null : Json.readObject(json);
  }
}
