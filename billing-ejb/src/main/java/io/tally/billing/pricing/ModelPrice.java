package io.tally.billing.pricing;

import io.tally.billing.api.FailedCallPrice;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * A version of a model's price sheet, in force from {@code effectiveFrom} until the next version
 * starts. Versions are never changed: a charge records the version that priced it.
 */
@Entity
@Table(name = "model_price")
public class ModelPrice {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "model_id")
  private String modelId;

  private int version;

  /** The sheet as JSON, numbers kept as decimal strings. */
  private String pricing;

  /** UTC. */
  @Column(name = "effective_from")
  private LocalDateTime effectiveFrom;

  /** UTC. */
  @Column(name = "created_at")
  private LocalDateTime createdAt;

  /** What a failed call costs under this version (both null: nothing); see FailedCallPrice. */
  @Column(name = "failed_minimum")
  private BigDecimal failedMinimum;

  @Column(name = "failed_share")
  private BigDecimal failedShare;

  protected ModelPrice() {}

  ModelPrice(
      String modelId,
      int version,
      String pricing,
      FailedCallPrice failedCalls,
      LocalDateTime effectiveFrom,
      LocalDateTime now) {
    this.modelId = modelId;
    this.version = version;
    this.pricing = pricing;
    this.failedMinimum = failedCalls == null ? null : failedCalls.minimum();
    this.failedShare = failedCalls == null ? null : failedCalls.share();
    this.effectiveFrom = effectiveFrom;
    this.createdAt = now;
  }

  /** Null when the version charges failed calls nothing. */
  public FailedCallPrice failedCalls() {
    return failedMinimum == null && failedShare == null
        ? null
        : new FailedCallPrice(failedMinimum, failedShare);
  }

  public String modelId() {
    return modelId;
  }

  public int version() {
    return version;
  }

  public String pricing() {
    return pricing;
  }

  public LocalDateTime effectiveFrom() {
    return effectiveFrom;
  }
}
