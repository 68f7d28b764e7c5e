package io.tally.pricing.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class UsageFactsTest {

  private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(600);

  private static UsageFacts params(Map<String, Object> parameters) {
    return new UsageFacts(null, parameters);
  }

  private static PricingException rejects(String field, Executable call) {
    PricingException refused = assertThrows(PricingException.class, call);
    assertEquals(field, refused.field(), refused.getMessage());
    return refused;
  }

  @Test
  void durationAcceptsZero() {
    assertEquals(0, UsageFacts.ofDuration(0).requiredDurationMs());
  }

  @Test
  void durationAcceptsAWholeDay() {
    assertEquals(86_400_000L, UsageFacts.ofDuration(86_400_000L).requiredDurationMs());
  }

  @Test
  void durationRefusesMoreThanADay() {
    rejects("durationMs", () -> UsageFacts.ofDuration(86_400_001L).requiredDurationMs());
  }

  @Test
  void durationRefusesANegativeValue() {
    rejects("durationMs", () -> UsageFacts.ofDuration(-1).requiredDurationMs());
  }

  @Test
  void durationIsRequiredWhenAsked() {
    rejects("durationMs", () -> params(Map.of()).requiredDurationMs());
  }

  @Test
  void integerAcceptsItsBounds() {
    assertEquals(64, params(Map.of("width", 64)).integer("width", 64, 8192));
    assertEquals(8192, params(Map.of("width", 8192L)).integer("width", 64, 8192));
  }

  @Test
  void integerRefusesJustBelowTheMinimum() {
    rejects("parameters.width", () -> params(Map.of("width", 63)).integer("width", 64, 8192));
  }

  @Test
  void integerRefusesJustAboveTheMaximum() {
    rejects("parameters.width", () -> params(Map.of("width", 8193)).integer("width", 64, 8192));
  }

  @Test
  void integerRefusesANonWholeNumber() {
    rejects(
        "parameters.width",
        () -> params(Map.of("width", new BigDecimal("1024.5"))).integer("width", 64, 8192));
  }

  @Test
  void integerAcceptsAWholeNumberWrittenWithDecimals() {
    assertEquals(
        1024, params(Map.of("width", new BigDecimal("1024.000"))).integer("width", 64, 8192));
  }

  @Test
  void integerReadsANumericString() {
    assertEquals(1024, params(Map.of("width", "1024")).integer("width", 64, 8192));
  }

  @Test
  void integerRefusesTextThatIsNotANumber() {
    rejects("parameters.width", () -> params(Map.of("width", "wide")).integer("width", 64, 8192));
  }

  @Test
  void integerRefusesANumberTooLongForALong() {
    rejects(
        "parameters.width",
        () -> params(Map.of("width", "99999999999999999999")).integer("width", 64, 8192));
  }

  @Test
  void integerIsRequired() {
    rejects("parameters.width", () -> params(Map.of()).integer("width", 64, 8192));
  }

  @Test
  void integerOrFallsBackWhenAbsent() {
    assertEquals(1024, params(Map.of()).integerOr("width", 1024, 64, 8192));
  }

  @Test
  void integerOrFallsBackWhenNull() {
    Map<String, Object> parameters = new HashMap<>();
    parameters.put("width", null);

    assertEquals(1024, params(parameters).integerOr("width", 1024, 64, 8192));
  }

  @Test
  void integerOrChecksAGivenValue() {
    rejects(
        "parameters.width", () -> params(Map.of("width", 1)).integerOr("width", 1024, 64, 8192));
  }

  @Test
  void decimalRefusesItsExclusiveMinimum() {
    rejects(
        "parameters.seconds",
        () -> params(Map.of("seconds", "0")).decimal("seconds", BigDecimal.ZERO, MAX_SECONDS));
  }

  @Test
  void decimalAcceptsJustAboveTheMinimum() {
    assertEquals(
        new BigDecimal("0.001"),
        params(Map.of("seconds", "0.001")).decimal("seconds", BigDecimal.ZERO, MAX_SECONDS));
  }

  @Test
  void decimalAcceptsItsMaximum() {
    assertEquals(
        MAX_SECONDS,
        params(Map.of("seconds", 600)).decimal("seconds", BigDecimal.ZERO, MAX_SECONDS));
  }

  @Test
  void decimalRefusesJustAboveTheMaximum() {
    rejects(
        "parameters.seconds",
        () ->
            params(Map.of("seconds", "600.001")).decimal("seconds", BigDecimal.ZERO, MAX_SECONDS));
  }

  @Test
  void decimalRefusesAHostileExponentBeforeDoingArithmetic() {
    // Passes "> 0", but rounding it to micro-dollars would take minutes of CPU.
    rejects(
        "parameters.seconds",
        () ->
            params(Map.of("seconds", "1e-99999999"))
                .decimal("seconds", BigDecimal.ZERO, MAX_SECONDS));
  }

  @Test
  void decimalIsRequired() {
    rejects(
        "parameters.seconds",
        () -> params(Map.of()).decimal("seconds", BigDecimal.ZERO, MAX_SECONDS));
  }

  @Test
  void textReadsAString() {
    assertEquals("720p", params(Map.of("resolution", "720p")).text("resolution"));
  }

  @Test
  void textRefusesANumber() {
    rejects("parameters.resolution", () -> params(Map.of("resolution", 720)).text("resolution"));
  }

  @Test
  void textIsRequired() {
    rejects("parameters.resolution", () -> params(Map.of()).text("resolution"));
  }

  @Test
  void treatsMissingParametersAsNone() {
    assertEquals(Map.of(), new UsageFacts(5L, null).parameters());
  }
}
