package io.tally.billing.ledger;

import io.tally.billing.api.ErrorCode;
import java.math.BigDecimal;

/**
 * A CDI event fired when a debit was refused for want of money ({@code out_of_credits} or {@code
 * credit_limit_exceeded}); nothing moved. Observers (the out-of-credits notice) must stay cheap.
 *
 * @param accountId the account that could not pay
 * @param code why
 * @param required what the debit needed
 */
public record DebitRefused(long accountId, ErrorCode code, BigDecimal required) {}
