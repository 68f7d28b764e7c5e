package io.tally.billing.pricing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** A model in the catalog; its family names the plugin that prices it. */
@Entity
@Table(name = "model")
public class Model {

  @Id private String id;

  private String family;
  private String name;
  private String gpu;

  /** UTC. */
  @Column(name = "created_at")
  private LocalDateTime createdAt;

  /** UTC. */
  @Column(name = "updated_at")
  private LocalDateTime updatedAt;

  protected Model() {}

  Model(String id, String family, String name, String gpu, LocalDateTime now) {
    this.id = id;
    this.family = family;
    this.name = name;
    this.gpu = gpu;
    this.createdAt = now;
    this.updatedAt = now;
  }

  void rename(String name, String gpu, LocalDateTime now) {
    this.name = name;
    this.gpu = gpu;
    this.updatedAt = now;
  }

  public String id() {
    return id;
  }

  public String family() {
    return family;
  }

  public String name() {
    return name;
  }

  public String gpu() {
    return gpu;
  }
}
