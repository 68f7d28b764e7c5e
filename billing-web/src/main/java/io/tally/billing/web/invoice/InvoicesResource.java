package io.tally.billing.web.invoice;

import static io.tally.billing.web.platform.Authentication.caller;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.Caller;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.InvoicePayment;
import io.tally.billing.api.InvoiceService;
import io.tally.billing.api.InvoiceService.PaymentOutcome;
import io.tally.billing.api.InvoiceView;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** One invoice, and paying it. */
@ApplicationScoped
@Path("invoices/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class InvoicesResource {

  @Context SecurityContext security;

  @Inject InvoiceService invoices;

  @GET
  public InvoiceView get(@PathParam("id") long id) {
    return visible(id);
  }

  /**
   * Pays the invoice in full: {@code {"paymentMethod": "pm_card_visa"}} charges the card; {@code
   * "bank_transfer"} (service key) records money received. 201 paid; 200 a replay of the
   * Idempotency-Key; 202 with status PENDING while the processor has not said how the card payment
   * ended (the same key again asks it); 402 declined; 409 paid already, or a payment pending under
   * another key; 422 the key used with another payment method.
   */
  @POST
  @Path("payments")
  @Consumes(MediaType.APPLICATION_JSON)
  @APIResponse(
      responseCode = "201",
      description = "Paid.",
      content = @Content(schema = @Schema(implementation = InvoiceView.class)))
  @APIResponse(
      responseCode = "200",
      description = "A replay of the Idempotency-Key.",
      content = @Content(schema = @Schema(implementation = InvoiceView.class)))
  @APIResponse(
      responseCode = "202",
      description = "PENDING at the processor.",
      content = @Content(schema = @Schema(implementation = InvoiceView.class)))
  @APIResponse(responseCode = "402", ref = "PaymentDeclined")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "409", ref = "Conflict")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @APIResponse(responseCode = "502", ref = "BadGateway")
  public Response pay(
      @PathParam("id") long id,
      @HeaderParam("Idempotency-Key") String key,
      @RequestBody(content = @Content(schema = @Schema(implementation = InvoicePaymentBody.class)))
          String text) {
    Caller caller = caller(security);
    String idempotencyKey = IdempotencyKeys.require(key);
    String method = Body.read(text, InvoicePaymentBody.class).paymentMethod();
    if (InvoicePayment.BANK_TRANSFER.equals(method) && !caller.isService()) {
      throw new BillingException(
          ErrorCode.FORBIDDEN, "only the service key records a bank transfer", "paymentMethod");
    }
    visible(id);
    PaymentOutcome paid =
        invoices.pay(
            new InvoicePayment(
                id,
                method,
                idempotencyKey,
                caller.isService() ? "service" : "account:" + caller.accountId()));
    Response.Status status =
        "PENDING".equals(paid.invoice().status())
            ? Response.Status.ACCEPTED
            : paid.replay() ? Response.Status.OK : Response.Status.CREATED;
    return Response.status(status).entity(paid.invoice()).build();
  }

  /** The invoice if the caller may see it; another account's reads as not found. */
  private InvoiceView visible(long id) {
    InvoiceView invoice = invoices.find(id);
    if (!caller(security).mayActOn(invoice.accountId())) {
      throw new BillingException(ErrorCode.INVOICE_NOT_FOUND, "no invoice " + id);
    }
    return invoice;
  }
}
