package io.tally.billing.web.support;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;

/** Lets a test move the server's clock. Exists only in the test WAR. */
@Path("test-support/clock")
public class TestClockResource {

  @Inject MovableClock movable;

  /** The clock the application sees, to prove the alternative is in force. */
  @Inject Clock clock;

  @POST
  @Produces(MediaType.TEXT_PLAIN)
  public String advance(@QueryParam("seconds") long seconds) {
    movable.advance(Duration.ofSeconds(seconds));
    return clock.instant().toString();
  }
}
