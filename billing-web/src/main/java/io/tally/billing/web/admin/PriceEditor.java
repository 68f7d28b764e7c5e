package io.tally.billing.web.admin;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.CatalogService;
import io.tally.billing.api.FailedCallPrice;
import io.tally.billing.api.ModelView;
import io.tally.billing.platform.Json;
import io.tally.billing.pricing.PriceDescriptions;
import io.tally.billing.pricing.PricingFailures;
import io.tally.billing.web.platform.FieldErrors;
import io.tally.billing.web.platform.Texts;
import io.tally.pricing.spi.Field;
import io.tally.pricing.spi.Mode;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog for the admin, and a new price for a model from a date. The form is drawn from the
 * modes the model's plugin states: a mode picker, then one input per sheet field; a plugin that
 * states none (or the admin's choice of "JSON") gets the raw sheet box. Either way the sheet goes
 * to {@link CatalogService#changePrice}, as the HTTP API's does, and the plugin's refusal is shown
 * beside the field it names. A date of today takes effect at once, a later date at 00:00 UTC. What
 * a failed call costs (a minimum, a share of its price) is saved with the version, beside the
 * sheet.
 */
@Named
@ViewScoped
public class PriceEditor implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final String SHEET = "price:pricing";

  /** The mode picker's choice of the raw JSON box; no plugin names a mode so. */
  public static final String RAW = "_json";

  @Inject CatalogService catalog;

  @Inject PriceDescriptions descriptions;

  @Inject PricingFailures failures;

  /** Transient: a view-scoped bean must be serializable and a clock is not. */
  @Inject transient Clock clock;

  @Inject Texts texts;

  private transient List<ModelView> models;

  /** The model's family's modes; records are not serializable, so read again when needed. */
  private transient List<Mode> modes;

  private String model;
  private String mode = RAW;
  private SheetForm form;
  private String pricing;
  private LocalDate effective;
  private String failedMinimum;
  private String failedShare;

  @PostConstruct
  void load() {
    models = catalog.list();
    effective = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    if (!models.isEmpty()) {
      model = models.get(0).id();
      modelChanged();
    }
  }

  /** Another model: its plugin's modes, starting at the mode of its price in force. */
  public void modelChanged() {
    modes = null;
    Map<String, String> failed = current().map(ModelView::failedCalls).orElse(Map.of());
    failedMinimum = failed.get("minimum");
    failedShare = failed.get("share");
    Object current = current().map(ModelView::pricing).map(sheet -> sheet.get("mode")).orElse(null);
    mode =
        getModes().stream()
            .map(Mode::name)
            .filter(name -> name.equals(current))
            .findFirst()
            .orElse(getModes().isEmpty() ? RAW : getModes().get(0).name());
    modeChanged();
  }

  /** Another mode: a fresh form, filled from the price in force when it is of that mode. */
  public void modeChanged() {
    form =
        selectedMode()
            .map(m -> new SheetForm(m, current().map(ModelView::pricing).orElse(null)))
            .orElse(null);
  }

  public void save() {
    Optional<Mode> selected = selectedMode();
    Map<String, Object> sheet;
    if (selected.isPresent()) {
      form.clearErrors();
      sheet = form.sheet(selected.get());
    } else {
      try {
        sheet = Json.readObject(pricing == null ? "" : pricing);
      } catch (RuntimeException malformed) {
        FieldErrors.error(SHEET, texts.get("price.sheet.json"));
        return;
      }
    }
    try {
      ModelView saved =
          catalog.changePrice(
              model,
              sheet,
              new FailedCallPrice(
                  decimal(failedMinimum, "failedCalls.minimum"),
                  decimal(failedShare, "failedCalls.share")),
              start(effective));
      FieldErrors.info(texts.get("price.saved") + " " + saved.id());
    } catch (RuntimeException thrown) {
      BillingException refusal = FieldErrors.refusal(thrown);
      if ("effectiveFrom".equals(refusal.field())) {
        FieldErrors.error("price:effective", refusal.getMessage());
      } else if ("failedCalls.minimum".equals(refusal.field())) {
        FieldErrors.error("price:failedMinimum", refusal.getMessage());
      } else if ("failedCalls.share".equals(refusal.field())) {
        FieldErrors.error("price:failedShare", refusal.getMessage());
      } else if (selected.isEmpty()) {
        FieldErrors.error(SHEET, refusal.getMessage());
      } else if (!form.showBeside(selected.get(), refusal.field(), refusal.getMessage())) {
        FieldErrors.error(null, refusal.getMessage());
      }
      return;
    }
    models = catalog.list();
  }

  /** A blank box is no value; what is not a number is refused naming the field. */
  private static BigDecimal decimal(String text, String field) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      throw BillingException.invalid(field, field + " must be a number");
    }
  }

  /** Today means now; another day means its start (a past day is the catalog's to refuse). */
  private Instant start(LocalDate day) {
    Instant now = clock.instant();
    return day == null || day.equals(LocalDate.ofInstant(now, ZoneOffset.UTC))
        ? now
        : day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private Optional<ModelView> current() {
    return getModels().stream().filter(view -> view.id().equals(model)).findFirst();
  }

  private Optional<Mode> selectedMode() {
    return getModes().stream().filter(m -> m.name().equals(mode)).findFirst();
  }

  /** The sheet as the catalog stores it, for the table. */
  public String sheet(ModelView view) {
    return view.pricing() == null ? "" : Json.write(view.pricing());
  }

  /** What a failed call costs under the price in force, as the API shows it; empty for nothing. */
  public String failedCalls(ModelView view) {
    return view.failedCalls() == null ? "" : Json.write(view.failedCalls());
  }

  /** A field's accepted range for people: "0 or more", "64 to 8192", or nothing. */
  public String bounds(Field field) {
    BigDecimal min = field.min();
    BigDecimal max = field.max();
    if (min != null && max != null) {
      return min.toPlainString() + " to " + max.toPlainString();
    }
    if (min != null) {
      return min.toPlainString() + " or more";
    }
    return max == null ? "" : "up to " + max.toPlainString();
  }

  public boolean byKey(Field field) {
    return field.kind() == Field.Kind.AMOUNTS_BY_KEY;
  }

  public List<ModelView> getModels() {
    if (models == null) {
      models = catalog.list();
    }
    return models;
  }

  public List<Mode> getModes() {
    if (modes == null) {
      modes = current().map(view -> descriptions.modes(view.family())).orElse(List.of());
    }
    return modes;
  }

  /** The chosen mode's sheet fields; none for the raw box. */
  public List<Field> getFields() {
    return selectedMode().map(Mode::sheet).orElse(List.of());
  }

  public String getModeDescription() {
    return selectedMode().map(Mode::description).orElse("");
  }

  /** The picker's value for the raw JSON box. */
  public String getRawMode() {
    return RAW;
  }

  public boolean isRaw() {
    return selectedMode().isEmpty();
  }

  public List<PricingFailures.PluginFailures> getFailures() {
    return failures.list();
  }

  public SheetForm getForm() {
    return form;
  }

  public String getModel() {
    return model;
  }

  public void setModel(String model) {
    this.model = model;
  }

  public String getMode() {
    return mode;
  }

  public void setMode(String mode) {
    this.mode = mode;
  }

  public String getPricing() {
    return pricing;
  }

  public void setPricing(String pricing) {
    this.pricing = pricing;
  }

  public String getFailedMinimum() {
    return failedMinimum;
  }

  public void setFailedMinimum(String failedMinimum) {
    this.failedMinimum = failedMinimum;
  }

  public String getFailedShare() {
    return failedShare;
  }

  public void setFailedShare(String failedShare) {
    this.failedShare = failedShare;
  }

  public LocalDate getEffective() {
    return effective;
  }

  public void setEffective(LocalDate effective) {
    this.effective = effective;
  }
}
