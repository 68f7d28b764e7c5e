package io.tally.billing.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Callers match on codes and numbers, so each must name one error only. */
class ErrorCodeTest {

  private static final Pattern SNAKE_CASE = Pattern.compile("[a-z]+(_[a-z]+)*");

  @Test
  void noNumberRepeats() {
    assertEquals(Map.of(), repeated(ErrorCode::number));
  }

  @Test
  void noCodeRepeats() {
    assertEquals(Map.of(), repeated(ErrorCode::code));
  }

  @Test
  void everyStatusIsAClientOrServerError() {
    for (ErrorCode code : ErrorCode.values()) {
      assertTrue(
          code.httpStatus() >= 400 && code.httpStatus() <= 599,
          code + " answers " + code.httpStatus());
    }
  }

  @Test
  void everyCodeIsLowerSnakeCase() {
    for (ErrorCode code : ErrorCode.values()) {
      assertTrue(SNAKE_CASE.matcher(code.code()).matches(), code + " has code " + code.code());
    }
  }

  /** Values that more than one error code shares, with the codes that share them. */
  private static <K> Map<K, List<ErrorCode>> repeated(Function<ErrorCode, K> key) {
    return Arrays.stream(ErrorCode.values()).collect(Collectors.groupingBy(key)).entrySet().stream()
        .filter(entry -> entry.getValue().size() > 1)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}
