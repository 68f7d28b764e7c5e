package io.tally.billing.web.platform;

import io.tally.billing.api.AccountView;
import io.tally.billing.api.AuthorizationView;
import io.tally.billing.api.ChargeView;
import io.tally.billing.api.LineItemView;
import io.tally.billing.api.PricedBy;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.stream.JsonGenerator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * The hot answers written by hand with a JSON-P generator: a charge, an account, a hold and the
 * error body. Each is what JSON-B wrote for it (the default JSON-B configuration: properties in
 * lexicographic order, null properties left out), without JSON-B's reflection and its per-call
 * serialization context. {@code AnswersTest} holds each against JSON-B byte for byte.
 */
public final class Answers {

  private Answers() {}

  public static void charge(JsonGenerator json, ChargeView charge) {
    json.writeStartObject();
    json.write("accountId", charge.accountId());
    text(json, "amount", charge.amount());
    number(json, "authorizationId", charge.authorizationId());
    text(json, "balance", charge.balance());
    json.write("coldStartMs", charge.coldStartMs());
    text(json, "createdAt", charge.createdAt());
    json.write("failedCalls", charge.failedCalls());
    json.write("id", charge.id());
    if (charge.lineItems() != null) {
      json.writeStartArray("lineItems");
      for (LineItemView line : charge.lineItems()) {
        lineItem(json, line);
      }
      json.writeEnd();
    }
    text(json, "model", charge.model());
    pricedBy(json, charge.pricedBy());
    json.write("queueMs", charge.queueMs());
    text(json, "requestId", charge.requestId());
    text(json, "startedAt", charge.startedAt());
    text(json, "workflow", charge.workflow());
    json.writeEnd();
  }

  private static void lineItem(JsonGenerator json, LineItemView line) {
    if (line == null) {
      json.writeNull();
      return;
    }
    json.writeStartObject();
    text(json, "amount", line.amount());
    text(json, "description", line.description());
    text(json, "model", line.model());
    pricedBy(json, line.pricedBy());
    text(json, "quantity", line.quantity());
    text(json, "unit", line.unit());
    text(json, "unitPrice", line.unitPrice());
    json.writeEnd();
  }

  private static void pricedBy(JsonGenerator json, PricedBy pricedBy) {
    if (pricedBy != null) {
      json.writeStartObject("pricedBy");
      text(json, "plugin", pricedBy.plugin());
      json.write("priceVersion", pricedBy.priceVersion());
      text(json, "version", pricedBy.version());
      json.writeEnd();
    }
  }

  public static void account(JsonGenerator json, AccountView account) {
    json.writeStartObject();
    AccountView.AutoRechargeView auto = account.autoRecharge();
    if (auto != null) {
      json.writeStartObject("autoRecharge");
      text(json, "amount", auto.amount());
      json.write("enabled", auto.enabled());
      text(json, "paymentMethod", auto.paymentMethod());
      text(json, "threshold", auto.threshold());
      json.writeEnd();
    }
    text(json, "available", account.available());
    text(json, "balance", account.balance());
    if (account.billingMode() != null) {
      json.write("billingMode", account.billingMode().name());
    }
    text(json, "createdAt", account.createdAt());
    text(json, "creditLimit", account.creditLimit());
    text(json, "email", account.email());
    json.write("id", account.id());
    text(json, "name", account.name());
    text(json, "plan", account.plan());
    json.writeEnd();
  }

  public static void authorization(JsonGenerator json, AuthorizationView hold) {
    json.writeStartObject();
    json.write("accountId", hold.accountId());
    text(json, "amount", hold.amount());
    text(json, "expiresAt", hold.expiresAt());
    json.write("id", hold.id());
    text(json, "model", hold.model());
    text(json, "status", hold.status());
    json.writeEnd();
  }

  /**
   * A map in its own order (the error body: {@code error, message, field?, details...}) and the
   * plain values inside it. A value of any other type is handed to JSON-B, as all of it was.
   */
  public static void map(JsonGenerator json, Map<?, ?> map) {
    json.writeStartObject();
    map.forEach(
        (key, value) -> {
          json.writeKey(String.valueOf(key));
          value(json, value);
        });
    json.writeEnd();
  }

  private static void value(JsonGenerator json, Object value) {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof String text) {
      json.write(text);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      json.write(((Number) value).longValue());
    } else if (value instanceof BigDecimal decimal) {
      json.write(decimal);
    } else if (value instanceof BigInteger integer) {
      json.write(integer);
    } else if (value instanceof Boolean bool) {
      json.write(bool);
    } else if (value instanceof Enum<?> constant) {
      json.write(constant.name());
    } else if (value instanceof JsonValue plain) {
      json.write(plain);
    } else if (value instanceof Map<?, ?> map) {
      map(json, map);
    } else if (value instanceof Collection<?> items) {
      json.writeStartArray();
      items.forEach(item -> value(json, item));
      json.writeEnd();
    } else {
      json.write(Fallback.toJson(value));
    }
  }

  /** JSON-B, built only if a value of another type ever turns up. */
  private static final class Fallback {
    private static final Jsonb JSONB = JsonbBuilder.create();

    static JsonValue toJson(Object value) {
      return io.tally.billing.platform.Json.parse(JSONB.toJson(value));
    }
  }

  private static void text(JsonGenerator json, String name, String value) {
    if (value != null) {
      json.write(name, value);
    }
  }

  private static void number(JsonGenerator json, String name, Long value) {
    if (value != null) {
      json.write(name, value);
    }
  }
}
