package io.tally.billing.web.usage;

import io.tally.billing.api.ChargeView;
import io.tally.billing.web.platform.Answers;
import io.tally.billing.web.platform.JsonAnswer;
import jakarta.json.stream.JsonGenerator;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One result per event of a batch, in the events' order. */
@Schema(description = "One result per event, in the order of the events.")
public record BatchAnswer(List<Result> results) implements JsonAnswer {

  @Override
  public void writeTo(JsonGenerator json) {
    json.writeStartObject();
    if (results != null) {
      json.writeStartArray("results");
      results.forEach(result -> result.writeTo(json));
      json.writeEnd();
    }
    json.writeEnd();
  }

  /** An event's charge (status 201, or 200 for a replay) or its refusal (the error's status). */
  @Schema(name = "BatchResult", description = "An event's charge, or the error that refused it.")
  public record Result(
      @Schema(description = "The event's position in events, from 0.") int index,
      @Schema(
              description = "201 charged, 200 a replay, else the refusal's HTTP status.",
              example = "201")
          int status,
      ChargeView charge,
      @Schema(ref = "Error") Map<String, Object> error) {

    void writeTo(JsonGenerator json) {
      json.writeStartObject();
      if (charge != null) {
        json.writeKey("charge");
        Answers.charge(json, charge);
      }
      if (error != null) {
        json.writeKey("error");
        Answers.map(json, error);
      }
      json.write("index", index);
      json.write("status", status);
      json.writeEnd();
    }
  }
}
