package io.tally.billing.web.platform;

import jakarta.json.stream.JsonGenerator;

/**
 * An answer that writes itself ({@link AnswerWriter}), field for field what JSON-B wrote for it:
 * properties in lexicographic order, null ones left out.
 */
public interface JsonAnswer {

  /** Writes this answer as one JSON object. */
  void writeTo(JsonGenerator json);
}
