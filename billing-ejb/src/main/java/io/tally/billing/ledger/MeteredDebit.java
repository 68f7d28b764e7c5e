package io.tally.billing.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One reading of a meter (a fine-tuning job's running time) to charge: the work was done, so the
 * debit always lands, even below zero; the metering job decides when to stop.
 *
 * @param amount what the reading costs, positive or zero
 * @param durationMs the time it covers, for the rollup
 * @param day the UTC day the reading falls in (a reading never spans two days)
 * @param firstReading whether this is the job's first reading, which counts it as one call
 * @param idempotencyKey unique per job and reading
 */
public record MeteredDebit(
    long accountId,
    String model,
    BigDecimal amount,
    long durationMs,
    LocalDate day,
    boolean firstReading,
    String reference,
    String idempotencyKey) {}
