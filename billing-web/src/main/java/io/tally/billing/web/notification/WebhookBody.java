package io.tally.billing.web.notification;

import io.tally.billing.web.platform.Length;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where an account's signed webhooks go. */
@Schema(description = "An absolute http(s) URL for the account's signed webhooks.")
public record WebhookBody(
    @Schema(example = "https://example.com/tally-hooks", maxLength = WebhookResource.MAX_URL)
        @NotNull
        @Length(max = WebhookResource.MAX_URL)
        String url,
    @Schema(description = "Default true.") Boolean enabled) {}
