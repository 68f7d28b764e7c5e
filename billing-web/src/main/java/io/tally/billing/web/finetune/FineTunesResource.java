package io.tally.billing.web.finetune;

import static io.tally.billing.web.platform.Authentication.caller;
import static io.tally.billing.web.platform.Authentication.requireService;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.FineTuneService;
import io.tally.billing.api.FineTuneService.StartResult;
import io.tally.billing.api.FineTuneView;
import io.tally.billing.web.platform.Body;
import io.tally.billing.web.platform.IdempotencyKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Starting, reading and completing metered fine-tuning jobs. */
@ApplicationScoped
@Path("fine-tunes")
@Produces(MediaType.APPLICATION_JSON)
public class FineTunesResource {

  @Context SecurityContext security;

  @Inject FineTuneService fineTunes;

  /** 201 a new job; 200 the job an earlier start with this requestId made. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @APIResponse(
      responseCode = "201",
      description = "The job, metering.",
      content = @Content(schema = @Schema(implementation = FineTuneView.class)))
  @APIResponse(
      responseCode = "200",
      description = "A replay of the requestId: the job as it started.",
      content = @Content(schema = @Schema(implementation = FineTuneView.class)))
  @APIResponse(responseCode = "402", ref = "OutOfCredits")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @SecurityRequirement(name = "serviceKey")
  public Response start(
      @RequestBody(content = @Content(schema = @Schema(implementation = FineTuneBody.class)))
          String text) {
    requireService(security);
    FineTuneBody body = Body.read(text, FineTuneBody.class);
    StartResult started = fineTunes.start(body.accountId(), body.requestId(), body.model());
    return Response.status(started.replay() ? Response.Status.OK : Response.Status.CREATED)
        .entity(started.job())
        .build();
  }

  @GET
  @Path("{id}")
  public FineTuneView get(@PathParam("id") long id) {
    FineTuneView job = fineTunes.find(id);
    if (!caller(security).mayActOn(job.accountId())) {
      throw new BillingException(ErrorCode.FINE_TUNE_NOT_FOUND, "no fine-tuning job " + id);
    }
    return job;
  }

  /**
   * Charges the rest of the job's time (to {@code endedAt}, or now) and completes it. An empty body
   * is allowed. A retry with the same Idempotency-Key answers the completed job; completing a job
   * that is no longer running is a 409.
   */
  @POST
  @Path("{id}/complete")
  @APIResponse(
      responseCode = "200",
      description = "The completed job.",
      content = @Content(schema = @Schema(implementation = FineTuneView.class)))
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "409", ref = "Conflict")
  @SecurityRequirement(name = "serviceKey")
  public FineTuneView complete(
      @PathParam("id") long id,
      @HeaderParam("Idempotency-Key") String key,
      @RequestBody(
              required = false,
              content = @Content(schema = @Schema(implementation = CompletionBody.class)))
          String text) {
    requireService(security);
    Instant endedAt = null;
    if (text != null && !text.isBlank()) {
      endedAt = Body.read(text, CompletionBody.class).endedAt();
    }
    return fineTunes.complete(id, endedAt, IdempotencyKeys.optional(key));
  }
}
