package io.tally.billing.web.admin;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.CatalogService;
import io.tally.billing.api.ModelView;
import io.tally.billing.platform.Json;
import io.tally.billing.web.platform.FieldErrors;
import io.tally.billing.web.platform.Texts;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The catalog for the admin, and a new price for a model from a date. The model's pricing plugin
 * checks the sheet (through {@link CatalogService#changePrice}); its complaint is shown beside the
 * sheet. A date of today takes effect at once, a later date at 00:00 UTC that day.
 */
@Named
@ViewScoped
public class PriceEditor implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final String SHEET = "price:pricing";

  @Inject CatalogService catalog;

  /** Transient: a view-scoped bean must be serializable and a clock is not. */
  @Inject transient Clock clock;

  @Inject Texts texts;

  private transient List<ModelView> models;
  private String model;
  private String pricing;
  private LocalDate effective;

  @PostConstruct
  void load() {
    models = catalog.list();
    effective = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  public void save() {
    Map<String, Object> sheet;
    try {
      sheet = Json.readObject(pricing == null ? "" : pricing);
    } catch (RuntimeException malformed) {
      FieldErrors.error(SHEET, texts.get("price.sheet.json"));
      return;
    }
    try {
      ModelView saved = catalog.changePrice(model, sheet, start(effective));
      FieldErrors.info(texts.get("price.saved") + " " + saved.id());
    } catch (RuntimeException thrown) {
      BillingException refusal = FieldErrors.refusal(thrown);
      // The plugin's message names the sheet's field at fault (pricing.ratePerSecond ...).
      FieldErrors.error(
          "effectiveFrom".equals(refusal.field()) ? "price:effective" : SHEET,
          refusal.getMessage());
      return;
    }
    models = catalog.list();
  }

  /** Today means now; another day means its start (a past day is the catalog's to refuse). */
  private Instant start(LocalDate day) {
    Instant now = clock.instant();
    return day == null || day.equals(LocalDate.ofInstant(now, ZoneOffset.UTC))
        ? now
        : day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The sheet as the catalog stores it, for the table. */
  public String sheet(ModelView view) {
    return view.pricing() == null ? "" : Json.write(view.pricing());
  }

  public List<ModelView> getModels() {
    if (models == null) {
      models = catalog.list();
    }
    return models;
  }

  public String getModel() {
    return model;
  }

  public void setModel(String model) {
    this.model = model;
  }

  public String getPricing() {
    return pricing;
  }

  public void setPricing(String pricing) {
    this.pricing = pricing;
  }

  public LocalDate getEffective() {
    return effective;
  }

  public void setEffective(LocalDate effective) {
    this.effective = effective;
  }
}
