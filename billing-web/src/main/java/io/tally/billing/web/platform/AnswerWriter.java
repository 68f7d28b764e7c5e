package io.tally.billing.web.platform;

import io.tally.billing.api.AccountView;
import io.tally.billing.api.AuthorizationView;
import io.tally.billing.api.ChargeView;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes the answers of the gateway's calls (a charge, an account, a hold, a batch) and every error
 * body with a JSON-P generator ({@link Answers}) instead of JSON-B, which per call builds a
 * serialization context and walks the record by reflection. Every other answer is still JSON-B's.
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class AnswerWriter implements MessageBodyWriter<Object> {

  /** Created once: a factory looks its configuration up, a generator from it is cheap. */
  private static final JsonGeneratorFactory GENERATORS =
      JsonProvider.provider().createGeneratorFactory(Map.of());

  @Override
  public boolean isWriteable(
      Class<?> type, Type generic, Annotation[] annotations, MediaType mediaType) {
    return type == ChargeView.class
        || type == AccountView.class
        || type == AuthorizationView.class
        || JsonAnswer.class.isAssignableFrom(type)
        || (Map.class.isAssignableFrom(type) && !JsonValue.class.isAssignableFrom(type));
  }

  @Override
  public void writeTo(
      Object answer,
      Class<?> type,
      Type generic,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, Object> headers,
      OutputStream entity) {
    // Closing the generator closes the entity stream, as JSON-B's writer did.
    try (JsonGenerator json = GENERATORS.createGenerator(entity, StandardCharsets.UTF_8)) {
      write(json, answer);
    }
  }

  static void write(JsonGenerator json, Object answer) {
    if (answer instanceof ChargeView charge) {
      Answers.charge(json, charge);
    } else if (answer instanceof AccountView account) {
      Answers.account(json, account);
    } else if (answer instanceof AuthorizationView hold) {
      Answers.authorization(json, hold);
    } else if (answer instanceof JsonAnswer self) {
      self.writeTo(json);
    } else {
      Answers.map(json, (Map<?, ?>) answer);
    }
  }
}
