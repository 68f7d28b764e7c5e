package io.tally.billing.web.finetune;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** When a job ended; the body may be left out (now). */
@Schema(description = "When the job ended (default: now).")
public record CompletionBody(@Schema(example = "2026-05-01T13:00:00Z") Instant endedAt) {}
