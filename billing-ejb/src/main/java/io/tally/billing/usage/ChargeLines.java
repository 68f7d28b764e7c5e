package io.tally.billing.usage;

import io.tally.billing.api.LineItemView;
import io.tally.billing.api.PricedBy;
import io.tally.billing.platform.Json;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A charge's line items to and from the JSON stored with it, so a replay answers them exactly. */
final class ChargeLines {

  private ChargeLines() {}

  static String write(List<LineItemView> lines) {
    return Json.write(lines.stream().map(ChargeLines::toMap).toList());
  }

  static List<LineItemView> read(String json) {
    return Json.readArray(json).stream().map(line -> fromMap((Map<?, ?>) line)).toList();
  }

  private static Map<String, Object> toMap(LineItemView line) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("model", line.model());
    map.put("description", line.description());
    map.put("quantity", line.quantity());
    map.put("unit", line.unit());
    map.put("unitPrice", line.unitPrice());
    map.put("amount", line.amount());
    map.put("plugin", line.pricedBy().plugin());
    map.put("pluginVersion", line.pricedBy().version());
    map.put("priceVersion", line.pricedBy().priceVersion());
    return map;
  }

  private static LineItemView fromMap(Map<?, ?> map) {
    return new LineItemView(
        (String) map.get("model"),
        (String) map.get("description"),
        (String) map.get("quantity"),
        (String) map.get("unit"),
        (String) map.get("unitPrice"),
        (String) map.get("amount"),
        new PricedBy(
            (String) map.get("plugin"),
            (String) map.get("pluginVersion"),
            ((BigDecimal) map.get("priceVersion")).intValueExact()));
  }
}
