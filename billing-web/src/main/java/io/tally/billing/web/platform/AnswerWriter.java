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
 * One writer per type: JAX-RS picks the writer whose type is nearest the entity's, so a writer of
 * {@code Object} would tie with JSON-B's (and Jersey kept JSON-B's).
 */
public abstract class AnswerWriter<T> implements MessageBodyWriter<T> {

  /** Created once: a factory looks its configuration up, a generator from it is cheap. */
  private static final JsonGeneratorFactory GENERATORS =
      JsonProvider.provider().createGeneratorFactory(Map.of());

  abstract void write(JsonGenerator json, T answer);

  @Override
  public boolean isWriteable(
      Class<?> type, Type generic, Annotation[] annotations, MediaType mediaType) {
    return true;
  }

  @Override
  public void writeTo(
      T answer,
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

  /** A charge ({@code POST /usage}). */
  @Provider
  @Produces(MediaType.APPLICATION_JSON)
  public static class Charges extends AnswerWriter<ChargeView>
      implements MessageBodyWriter<ChargeView> {
    @Override
    void write(JsonGenerator json, ChargeView charge) {
      Answers.charge(json, charge);
    }
  }

  /** An account ({@code GET /accounts/{id}}). */
  @Provider
  @Produces(MediaType.APPLICATION_JSON)
  public static class Accounts extends AnswerWriter<AccountView>
      implements MessageBodyWriter<AccountView> {
    @Override
    void write(JsonGenerator json, AccountView account) {
      Answers.account(json, account);
    }
  }

  /** A hold ({@code POST /authorizations}). */
  @Provider
  @Produces(MediaType.APPLICATION_JSON)
  public static class Holds extends AnswerWriter<AuthorizationView>
      implements MessageBodyWriter<AuthorizationView> {
    @Override
    void write(JsonGenerator json, AuthorizationView hold) {
      Answers.authorization(json, hold);
    }
  }

  /** An answer that writes itself (a batch's). */
  @Provider
  @Produces(MediaType.APPLICATION_JSON)
  public static class SelfWritten extends AnswerWriter<JsonAnswer>
      implements MessageBodyWriter<JsonAnswer> {
    @Override
    void write(JsonGenerator json, JsonAnswer answer) {
      answer.writeTo(json);
    }
  }

  /** The error body, and any other map (a JSON-P object is JSON-P's to write). */
  @Provider
  @Produces(MediaType.APPLICATION_JSON)
  @SuppressWarnings("rawtypes")
  public static class Maps extends AnswerWriter<Map> implements MessageBodyWriter<Map> {
    @Override
    public boolean isWriteable(
        Class<?> type, Type generic, Annotation[] annotations, MediaType mediaType) {
      return !JsonValue.class.isAssignableFrom(type);
    }

    @Override
    void write(JsonGenerator json, Map answer) {
      Answers.map(json, answer);
    }
  }
}
