package io.tally.billing.web.admin;

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
 * The price editor's form for one mode of a plugin: a text per sheet field, key and amount rows for
 * an {@link Field.Kind#AMOUNTS_BY_KEY} field, and the plugin's refusal beside the field it names.
 * It builds the same JSON sheet the HTTP API takes; the plugin, not the form, judges the values, so
 * a text that is not a number is sent as it is and the plugin's refusal names its field.
 */
public class SheetForm implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final String SHEET_PREFIX = "pricing.";

  /** One key and its amount, such as {@code 720p} and {@code 0.28}. */
  public static class Row implements Serializable {

    private static final long serialVersionUID = 1L;

    private String key;
    private String amount;

    Row(String key, String amount) {
      this.key = key;
      this.amount = amount;
    }

    public String getKey() {
      return key;
    }

    public void setKey(String key) {
      this.key = key;
    }

    public String getAmount() {
      return amount;
    }

    public void setAmount(String amount) {
      this.amount = amount;
    }
  }

  private final HashMap<String, String> values = new HashMap<>();
  private final HashMap<String, List<Row>> rows = new HashMap<>();
  private final HashMap<String, String> errors = new HashMap<>();

  /** A form for {@code mode}, filled from {@code current} when that sheet is of the same mode. */
  SheetForm(Mode mode, Map<String, Object> current) {
    boolean same = current != null && mode.name().equals(current.get("mode"));
    for (Field field : mode.sheet()) {
      Object value = same ? current.get(field.name()) : null;
      if (field.kind() == Field.Kind.AMOUNTS_BY_KEY) {
        rows.put(field.name(), rows(field, value));
      } else if (value != null) {
        values.put(field.name(), value.toString());
      }
    }
  }

  /** The sheet's own keys first, then the field's usual keys it lacks, then one free row. */
  private static List<Row> rows(Field field, Object value) {
    List<Row> rows = new ArrayList<>();
    if (value instanceof Map<?, ?> amounts) {
      amounts.forEach((key, amount) -> rows.add(new Row(key.toString(), amount.toString())));
    }
    for (String key : field.keys()) {
      if (rows.stream().noneMatch(row -> key.equals(row.getKey()))) {
        rows.add(new Row(key, null));
      }
    }
    rows.add(new Row(null, null));
    return rows;
  }

  /** The sheet as the API takes it; blank inputs are left out, for the plugin to require. */
  Map<String, Object> sheet(Mode mode) {
    Map<String, Object> sheet = new LinkedHashMap<>();
    sheet.put("mode", mode.name());
    for (Field field : mode.sheet()) {
      if (field.kind() == Field.Kind.AMOUNTS_BY_KEY) {
        Map<String, Object> amounts = new LinkedHashMap<>();
        for (Row row : rows.getOrDefault(field.name(), List.of())) {
          if (!blank(row.getKey()) && !blank(row.getAmount())) {
            amounts.put(row.getKey().trim(), value(Field.Kind.AMOUNT, row.getAmount()));
          }
        }
        if (!amounts.isEmpty()) {
          sheet.put(field.name(), amounts);
        }
      } else if (!blank(values.get(field.name()))) {
        sheet.put(field.name(), value(field.kind(), values.get(field.name())));
      }
    }
    return sheet;
  }

  /**
   * Puts {@code message} beside the field of {@code mode} that {@code field} names ({@code
   * pricing.pricePerImage}, or {@code pricing.ratesByResolution.720p} for a row); false when it
   * names none of them.
   */
  boolean showBeside(Mode mode, String field, String message) {
    errors.clear();
    if (field == null) {
      return false;
    }
    String name = field.startsWith(SHEET_PREFIX) ? field.substring(SHEET_PREFIX.length()) : field;
    int dot = name.indexOf('.');
    String top = dot < 0 ? name : name.substring(0, dot);
    if (mode.sheet().stream().noneMatch(f -> f.name().equals(top))) {
      return false;
    }
    errors.put(top, message);
    return true;
  }

  void clearErrors() {
    errors.clear();
  }

  public Map<String, String> getValues() {
    return values;
  }

  public Map<String, List<Row>> getRows() {
    return rows;
  }

  public Map<String, String> getErrors() {
    return errors;
  }

  private static Object value(Field.Kind kind, String text) {
    String trimmed = text.trim();
    if (kind == Field.Kind.TEXT) {
      return trimmed;
    }
    try {
      return new BigDecimal(trimmed);
    } catch (NumberFormatException notANumber) {
      return trimmed;
    }
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
