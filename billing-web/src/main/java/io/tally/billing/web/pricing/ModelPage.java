package io.tally.billing.web.pricing;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.CatalogService;
import io.tally.billing.api.ChargingService;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.ModelStatsService;
import io.tally.billing.api.ModelStatsView;
import io.tally.billing.api.ModelView;
import io.tally.billing.api.QuoteRequest;
import io.tally.billing.pricing.PriceDescriptions;
import io.tally.billing.web.platform.FieldErrors;
import io.tally.pricing.spi.Field;
import io.tally.pricing.spi.Mode;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model's public page ({@code /models/<id>}, no sign-in): name, family and GPU; the pricing tab
 * with the price in force and the scheduled ones in the plugin's words and a calculator whose quote
 * is {@link ChargingService#quote}, the same as {@code POST /quotes}; and the model's speed over
 * the last {@link #SPEED_DAYS} days.
 */
@Named
@ViewScoped
public class ModelPage implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The window of the speed figures, as {@code GET /models/{id}/stats} has it by default. */
  public static final int SPEED_DAYS = 7;

  @Inject CatalogService catalog;

  @Inject ChargingService charging;

  @Inject ModelStatsService stats;

  @Inject PriceDescriptions descriptions;

  private String id;
  private final Calculator calculator = new Calculator();

  /** Records are not serializable: read again after the view is restored. */
  private transient ModelView model;

  private transient Optional<Mode> mode;
  private transient ModelStatsView speed;

  /** The page of a model that does not exist is the 404 page. */
  public void load() throws IOException {
    try {
      model = catalog.view(id == null ? "" : id);
    } catch (RuntimeException thrown) {
      if (FieldErrors.refusal(thrown).code() != ErrorCode.MODEL_NOT_FOUND) {
        throw thrown;
      }
      FacesContext faces = FacesContext.getCurrentInstance();
      faces.getExternalContext().responseSendError(HttpServletResponse.SC_NOT_FOUND, "no model");
      faces.responseComplete();
    }
  }

  /** Prices the calculator's call; the plugin's refusal goes beside the input it names. */
  public void quote() {
    Optional<Mode> current = getMode();
    if (current.isEmpty()) {
      return;
    }
    try {
      calculator.show(
          charging.quote(new QuoteRequest(null, List.of(calculator.call(id, current.get())))));
    } catch (RuntimeException thrown) {
      BillingException refusal = FieldErrors.refusal(thrown);
      if (!calculator.showBeside(current.get(), refusal.field(), refusal.getMessage())) {
        FieldErrors.error(null, refusal.getMessage());
      }
    }
  }

  public ModelView getModel() {
    if (model == null && id != null) {
      model = catalog.view(id);
    }
    return model;
  }

  /** The mode of the price in force, as its plugin states it; empty when it states none. */
  public Optional<Mode> getMode() {
    if (mode == null) {
      Object name = getModel().pricing() == null ? null : getModel().pricing().get("mode");
      mode =
          descriptions.modes(getModel().family()).stream()
              .filter(m -> m.name().equals(name))
              .findFirst();
    }
    return mode;
  }

  /** The calculator's inputs: the call parameters of the mode in force. */
  public List<Field> getParameters() {
    return getMode().map(Mode::parameters).orElse(List.of());
  }

  /**
   * What a text parameter may say, offered to pick from: the keys of the sheet's rates by key (a
   * video's resolutions).
   */
  public List<String> getChoices() {
    List<String> choices = new ArrayList<>();
    Map<String, Object> sheet = getModel().pricing();
    for (Field field : getMode().map(Mode::sheet).orElse(List.of())) {
      if (field.kind() == Field.Kind.AMOUNTS_BY_KEY
          && sheet.get(field.name()) instanceof Map<?, ?> rates) {
        rates.keySet().forEach(key -> choices.add(key.toString()));
      }
    }
    return choices;
  }

  /** A parameter's accepted range for people: "64 to 8192", "0 or more", or nothing. */
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

  public boolean isText(Field field) {
    return field.kind() == Field.Kind.TEXT;
  }

  /** A scheduled price in the plugin's words. */
  public List<String> words(ModelView.PriceVersionView version) {
    return descriptions.describe(getModel().family(), id, version.pricing());
  }

  public ModelStatsView getSpeed() {
    if (speed == null) {
      speed = stats.stats(id, SPEED_DAYS);
    }
    return speed;
  }

  public int getSpeedDays() {
    return SPEED_DAYS;
  }

  /** Milliseconds as seconds with three places, as the usage page shows durations. */
  public BigDecimal seconds(Long ms) {
    return ms == null ? null : BigDecimal.valueOf(ms, 3);
  }

  public Calculator getCalculator() {
    return calculator;
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }
}
