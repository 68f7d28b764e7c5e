package io.tally.billing.pricing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
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

  protected ModelPrice() {}

  ModelPrice(
      String modelId, int version, String pricing, LocalDateTime effectiveFrom, LocalDateTime now) {
    this.modelId = modelId;
    this.version = version;
    this.pricing = pricing;
    this.effectiveFrom = effectiveFrom;
    this.createdAt = now;
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
