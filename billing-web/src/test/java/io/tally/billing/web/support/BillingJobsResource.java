package io.tally.billing.web.support;

import io.tally.billing.finetune.Meter;
import io.tally.billing.invoice.InvoiceRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;

/**
 * Runs the invoice job and the fine-tuning meter once, calling exactly what their timers call, so a
 * test can fire a timer on demand (and twice). Exists only in the test WAR.
 */
@ApplicationScoped
@Path("test-support/jobs")
public class BillingJobsResource {

  @Inject InvoiceRun invoices;

  @Inject Meter meter;

  /** The invoice timer's work; answers how many invoices it issued. */
  @POST
  @Path("invoices")
  @Produces(MediaType.TEXT_PLAIN)
  public String issueInvoices() {
    return Integer.toString(invoices.issueDue());
  }

  /**
   * The meter timer's work, up to now or to {@code at} (an instant this resource answered before,
   * to run the meter twice at the same instant); answers the instant it metered to.
   */
  @POST
  @Path("fine-tunes")
  @Produces(MediaType.TEXT_PLAIN)
  public String meterFineTunes(@QueryParam("at") String at) {
    Instant until = at == null ? meter.now() : Instant.parse(at);
    meter.meterRunning(until);
    return until.toString();
  }
}
