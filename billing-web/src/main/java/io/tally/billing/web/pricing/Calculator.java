package io.tally.billing.web.pricing;

import io.tally.billing.api.CallPart;
import io.tally.billing.api.LineItemView;
import io.tally.billing.api.QuoteView;
import io.tally.pricing.spi.Field;
import io.tally.pricing.spi.Mode;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model page's calculator: one input per call parameter of the mode of the model's price in
 * force, turned into the call {@code POST /quotes} takes. As in the admin's price editor, the
 * plugin judges the values: a text that is not a number is sent as it is, a blank input is left out
 * (for the plugin's default or its refusal), and the refusal is shown beside the input it names.
 */
public class Calculator implements Serializable {

  private static final long serialVersionUID = 1L;

  /** How a usage event names a call's duration: beside the parameters, not among them. */
  static final String DURATION = "durationMs";

  private static final String PARAMETERS = "parameters.";

  /** One line of the quote, as the page shows it. */
  public record Line(String description, String quantity, String unit, String amount)
      implements Serializable {}

  private final HashMap<String, String> values = new HashMap<>();
  private final HashMap<String, String> errors = new HashMap<>();
  private String amount;
  private ArrayList<Line> lines = new ArrayList<>();

  /** The call {@code mode}'s parameters describe, from the inputs. */
  CallPart call(String model, Mode mode) {
    Long durationMs = null;
    Map<String, Object> parameters = new LinkedHashMap<>();
    for (Field field : mode.parameters()) {
      String text = values.get(field.name());
      if (text == null || text.isBlank()) {
        continue;
      }
      Object value = value(field.kind(), text.strip());
      if (DURATION.equals(field.name()) && value instanceof BigDecimal number) {
        durationMs = wholeOrNull(number);
        if (durationMs == null) {
          parameters.put(field.name(), value);
        }
      } else {
        parameters.put(field.name(), value);
      }
    }
    return new CallPart(model, durationMs, parameters);
  }

  void show(QuoteView quote) {
    errors.clear();
    amount = quote.amount();
    lines = new ArrayList<>();
    for (LineItemView line : quote.lineItems()) {
      lines.add(new Line(line.description(), line.quantity(), line.unit(), line.amount()));
    }
  }

  /**
   * Puts {@code message} beside the input {@code field} names ({@code parameters.width}, {@code
   * durationMs}); false when it names none of {@code mode}'s parameters.
   */
  boolean showBeside(Mode mode, String field, String message) {
    errors.clear();
    amount = null;
    lines = new ArrayList<>();
    if (field == null) {
      return false;
    }
    String name = field.startsWith(PARAMETERS) ? field.substring(PARAMETERS.length()) : field;
    if (mode.parameters().stream().noneMatch(f -> f.name().equals(name))) {
      return false;
    }
    errors.put(name, message);
    return true;
  }

  public Map<String, String> getValues() {
    return values;
  }

  public Map<String, String> getErrors() {
    return errors;
  }

  /** The quote's total, or null before a quote. */
  public String getAmount() {
    return amount;
  }

  public List<Line> getLines() {
    return lines;
  }

  private static Object value(Field.Kind kind, String text) {
    if (kind == Field.Kind.TEXT) {
      return text;
    }
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException notANumber) {
      return text;
    }
  }

  /**
   * A duration as a usage event carries it, whole milliseconds; otherwise the plugin refuses it.
   */
  private static Long wholeOrNull(BigDecimal number) {
    try {
      return number.longValueExact();
    } catch (ArithmeticException notWhole) {
      return null;
    }
  }
}
