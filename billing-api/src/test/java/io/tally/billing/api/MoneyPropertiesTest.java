package io.tally.billing.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Money's one rule, for any amount: six decimal places, rounded half-up (a tie goes away from
 * zero), written as a plain decimal string that reads back to the same amount.
 */
class MoneyPropertiesTest {

  private static final BigDecimal HALF_MICRO = new BigDecimal("0.0000005");

  /**
   * Any amount a request or a plugin can produce: up to 19 digits before and 18 after the point.
   */
  @Provide
  Arbitrary<BigDecimal> amounts() {
    Arbitrary<BigInteger> unscaled =
        Arbitraries.bigIntegers()
            .between(BigInteger.TEN.pow(19).negate(), BigInteger.TEN.pow(19))
            .edgeCases(edges -> edges.add(BigInteger.valueOf(5)));
    return net.jqwik.api.Combinators.combine(unscaled, Arbitraries.integers().between(0, 18))
        .as(BigDecimal::new);
  }

  @Property(tries = 500)
  void roundsToSixPlacesWithinHalfAMicroDollar(@ForAll("amounts") BigDecimal amount) {
    BigDecimal rounded = Money.of(amount);

    assertEquals(Money.SCALE, rounded.scale());
    assertTrue(rounded.subtract(amount).abs().compareTo(HALF_MICRO) <= 0, amount + " → " + rounded);
  }

  @Property(tries = 500)
  void breaksATieAwayFromZero(@ForAll("amounts") BigDecimal amount) {
    BigDecimal tie = Money.of(amount).add(HALF_MICRO.multiply(BigDecimal.valueOf(amount.signum())));

    BigDecimal rounded = Money.of(tie);

    assertTrue(rounded.abs().compareTo(tie.abs()) > 0 || tie.signum() == 0, tie + " → " + rounded);
  }

  @Property(tries = 500)
  void roundingTwiceChangesNothing(@ForAll("amounts") BigDecimal amount) {
    assertEquals(Money.of(amount), Money.of(Money.of(amount)));
  }

  @Property(tries = 500)
  void formatsAPlainStringThatReadsBackToTheRoundedAmount(@ForAll("amounts") BigDecimal amount) {
    String text = Money.format(amount);

    assertTrue(text.matches("-?\\d+\\.\\d{6}"), text);
    assertEquals(Money.of(amount), new BigDecimal(text));
  }

  @Property(tries = 500)
  void isExactWhenRoundingLosesNothing(@ForAll("amounts") BigDecimal amount) {
    assertEquals(Money.of(amount).compareTo(amount) == 0, Money.isExact(amount), amount.toString());
  }

  @Property(tries = 500)
  void sumsOfExactAmountsStayExactInAnyOrder(
      @ForAll("amounts") BigDecimal a,
      @ForAll("amounts") BigDecimal b,
      @ForAll("amounts") BigDecimal c) {
    BigDecimal x = Money.of(a);
    BigDecimal y = Money.of(b);
    BigDecimal z = Money.of(c);

    BigDecimal left = x.add(y).add(z);
    BigDecimal right = z.add(x.add(y));

    assertEquals(left, right);
    assertTrue(Money.isExact(left));
    assertEquals(left, Money.of(left));
  }

  @Example
  void noMethodOfMoneyTakesOrGivesBinaryFloatingPoint() {
    for (Method method : Money.class.getDeclaredMethods()) {
      if (!Modifier.isPublic(method.getModifiers())) {
        continue;
      }
      assertFalse(isFloating(method.getReturnType()), method.toString());
      assertFalse(
          Arrays.stream(method.getParameterTypes()).anyMatch(MoneyPropertiesTest::isFloating),
          method.toString());
    }
  }

  private static boolean isFloating(Class<?> type) {
    return type == double.class
        || type == float.class
        || type == Double.class
        || type == Float.class;
  }
}
