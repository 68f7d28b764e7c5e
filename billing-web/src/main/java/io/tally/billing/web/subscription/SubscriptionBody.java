package io.tally.billing.web.subscription;

import io.tally.billing.web.platform.Length;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The plan to subscribe to, and the card to pay it with. */
@Schema(description = "The plan to subscribe to or change to, and the card that pays it.")
public record SubscriptionBody(
    @Schema(example = "PRO", maxLength = 32) @NotNull @Length(max = 32) String plan,
    @Schema(example = "pm_card_visa", maxLength = 100) @NotNull @Length(max = 100)
        String paymentMethod) {}
