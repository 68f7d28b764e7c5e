package io.tally.billing.refund;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tally.billing.api.LineItemView;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RefundSharesTest {

  private static final List<LineItemView> WORKFLOW =
      List.of(line("flux", "0.300000"), line("kling", "0.500000"), line("flux", "0.200000"));

  @Test
  void aFullRefundTakesEachModelsExactShare() {
    assertEquals(
        shares("flux", "0.500000", "kling", "0.500000"),
        RefundShares.byModel(WORKFLOW, null, amount("0"), amount("1.000000")));
  }

  @Test
  void partialRefundsTakeTheLinesInOrderAndAddUpToTheFullShares() {
    assertEquals(
        shares("flux", "0.300000", "kling", "0.100000"),
        RefundShares.byModel(WORKFLOW, null, amount("0"), amount("0.400000")));
    assertEquals(
        shares("kling", "0.400000", "flux", "0.200000"),
        RefundShares.byModel(WORKFLOW, null, amount("0.400000"), amount("0.600000")));
  }

  @Test
  void aLineWithoutAModelIsTheCharges() {
    assertEquals(
        shares("video", "0.000001"),
        RefundShares.byModel(
            List.of(line(null, "0.000002")), "video", amount("0.000001"), amount("0.000001")));
  }

  private static LineItemView line(String model, String amount) {
    return new LineItemView(model, "a line", "1", "call", amount, amount, null);
  }

  private static BigDecimal amount(String value) {
    return new BigDecimal(value);
  }

  private static Map<String, BigDecimal> shares(String... modelsAndAmounts) {
    Map<String, BigDecimal> shares = new LinkedHashMap<>();
    for (int i = 0; i < modelsAndAmounts.length; i += 2) {
      shares.put(modelsAndAmounts[i], amount(modelsAndAmounts[i + 1]));
    }
    return shares;
  }
}
