package io.tally.billing.pricing;

import io.tally.pricing.spi.PriceSheet;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Price sheets between their stored form (JSON with decimal strings) and the SPI's form. */
final class Sheets {

  private Sheets() {}

  static PriceSheet toSheet(Map<String, Object> pricing) {
    Map<String, Object> values = new LinkedHashMap<>(pricing);
    Object mode = values.remove("mode");
    return new PriceSheet(mode instanceof String text ? text : null, values);
  }

  /** Numbers become decimal strings, so a sheet reads back exactly as it was priced. */
  static Object normalize(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((key, item) -> copy.put(key.toString(), normalize(item)));
      return copy;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(Sheets::normalize).toList();
    }
    return value;
  }
}
