package io.tally.billing.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** An account key, kept as the SHA-256 digest of the secret; the secret itself is never stored. */
@Entity
@Table(name = "api_key")
public class ApiKey {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "account_id")
  private long accountId;

  private byte[] digest;

  /** The first characters of the key, so a person can tell keys apart. */
  private String prefix;

  /** UTC. */
  @Column(name = "created_at")
  private LocalDateTime createdAt;

  @Column(name = "revoked_at")
  private LocalDateTime revokedAt;

  protected ApiKey() {}

  ApiKey(long accountId, byte[] digest, String prefix, LocalDateTime createdAt) {
    this.accountId = accountId;
    this.digest = digest.clone();
    this.prefix = prefix;
    this.createdAt = createdAt;
  }

  public long id() {
    return id;
  }

  public long accountId() {
    return accountId;
  }

  byte[] digest() {
    return digest.clone();
  }

  public String prefix() {
    return prefix;
  }

  public LocalDateTime createdAt() {
    return createdAt;
  }

  public boolean revoked() {
    return revokedAt != null;
  }

  /** UTC, or null while the key works. */
  public LocalDateTime revokedAt() {
    return revokedAt;
  }

  /** Stops the key working from {@code at}; a revoked key keeps its first revocation time. */
  void revoke(LocalDateTime at) {
    if (revokedAt == null) {
      revokedAt = at;
    }
  }
}
