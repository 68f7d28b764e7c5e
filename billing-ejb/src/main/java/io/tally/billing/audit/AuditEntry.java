package io.tally.billing.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** One recorded action, as {@link AuditTrail} wrote it. Read-only here. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

  @Id private Long id;

  /** UTC. */
  @Column(name = "occurred_at")
  private LocalDateTime occurredAt;

  @Column(name = "actor_kind")
  private String actorKind;

  private String actor;

  @Column(name = "source_address")
  private String sourceAddress;

  private String action;
  private String target;

  @Column(name = "account_id")
  private Long accountId;

  @Column(name = "before_state")
  private String before;

  @Column(name = "after_state")
  private String after;

  @Column(name = "idempotency_key")
  private String idempotencyKey;

  protected AuditEntry() {}

  public long id() {
    return id;
  }

  public LocalDateTime occurredAt() {
    return occurredAt;
  }

  public String actorKind() {
    return actorKind;
  }

  public String actor() {
    return actor;
  }

  public String sourceAddress() {
    return sourceAddress;
  }

  public String action() {
    return action;
  }

  public String target() {
    return target;
  }

  public Long accountId() {
    return accountId;
  }

  /** JSON text, or null. */
  public String before() {
    return before;
  }

  /** JSON text, or null. */
  public String after() {
    return after;
  }

  public String idempotencyKey() {
    return idempotencyKey;
  }
}
