package io.tally.billing.speed;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.CatalogService;
import io.tally.billing.api.ModelStatsService;
import io.tally.billing.api.ModelStatsView;
import io.tally.billing.api.ModelView;
import io.tally.billing.api.Money;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * A model's speed from its histogram rows: at most {@code days} × buckets × shards rows of one
 * model, added up by bucket in the database.
 */
@Stateless
@Local(ModelStatsService.class)
public class ModelSpeeds implements ModelStatsService {

  private static final BigDecimal MS_PER_SECOND = BigDecimal.valueOf(1000);

  @PersistenceContext EntityManager em;

  @Inject CatalogService catalog;

  @Inject Clock clock;

  @Override
  public ModelStatsView stats(String modelId, int days) {
    if (days < 1 || days > MAX_DAYS) {
      throw BillingException.invalid("days", "days must be between 1 and " + MAX_DAYS);
    }
    ModelView model = catalog.view(modelId);
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    long[] calls = new long[SpeedBuckets.COUNT];
    long[] durationMs = new long[SpeedBuckets.COUNT];
    List<?> rows =
        em.createNativeQuery(
                "SELECT bucket, SUM(calls), SUM(total_duration_ms) FROM model_speed"
                    + " WHERE model_id = ? AND day BETWEEN ? AND ? GROUP BY bucket")
            .setParameter(1, modelId)
            .setParameter(2, today.minusDays(days - 1L))
            .setParameter(3, today)
            .getResultList();
    for (Object found : rows) {
      Object[] row = (Object[]) found;
      int bucket = ((Number) row[0]).intValue();
      calls[bucket] += ((Number) row[1]).longValue();
      durationMs[bucket] += ((Number) row[2]).longValue();
    }
    long total = 0;
    long totalMs = 0;
    for (int i = 0; i < SpeedBuckets.COUNT; i++) {
      total += calls[i];
      totalMs += durationMs[i];
    }
    if (total == 0) {
      return new ModelStatsView(modelId, days, 0, null, null, null, null);
    }
    return new ModelStatsView(
        modelId,
        days,
        total,
        SpeedBuckets.average(totalMs, total),
        SpeedBuckets.percentile(50, calls, durationMs),
        SpeedBuckets.percentile(90, calls, durationMs),
        typicalCost(model.pricing(), totalMs, total));
  }

  /**
   * For a per-second price: rate × (summed duration ÷ calls) in one exact step, rounded half-up to
   * the micro-dollar once, as a plugin rounds a line. Other modes have no typical cost here.
   */
  static String typicalCost(Map<String, Object> pricing, long totalMs, long calls) {
    if (pricing == null || !"per_second".equals(pricing.get("mode"))) {
      return null;
    }
    Object rate = pricing.get("ratePerSecond");
    if (rate == null) {
      return null;
    }
    BigDecimal cost =
        new BigDecimal(rate.toString())
            .multiply(BigDecimal.valueOf(totalMs))
            .divide(
                MS_PER_SECOND.multiply(BigDecimal.valueOf(calls)),
                Money.SCALE,
                RoundingMode.HALF_UP);
    return Money.format(cost);
  }
}
