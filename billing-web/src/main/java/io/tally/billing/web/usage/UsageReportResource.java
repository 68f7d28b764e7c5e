package io.tally.billing.web.usage;

import static io.tally.billing.web.platform.Authentication.requireAccess;

import io.tally.billing.api.AccountService;
import io.tally.billing.api.BillingException;
import io.tally.billing.api.UsageReport;
import io.tally.billing.api.UsageReportService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** An account's usage per model between two UTC days (inclusive); this month by default. */
@ApplicationScoped
@Path("accounts/{id}/usage")
@Produces(MediaType.APPLICATION_JSON)
public class UsageReportResource {

  @Context SecurityContext security;

  @Inject UsageReportService reports;

  @Inject AccountService accounts;

  @Inject Clock clock;

  @GET
  public UsageReport report(
      @PathParam("id") long id, @QueryParam("from") String from, @QueryParam("to") String to) {
    requireAccess(security, id);
    accounts.find(id);
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    LocalDate first = day("from", from, today.withDayOfMonth(1));
    LocalDate last = day("to", to, today);
    if (first.isAfter(last)) {
      throw BillingException.invalid("from", "from must not be after to");
    }
    return reports.report(id, first, last);
  }

  private static LocalDate day(String name, String value, LocalDate fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw BillingException.invalid(name, name + " must be a date like 2026-11-01");
    }
  }
}
