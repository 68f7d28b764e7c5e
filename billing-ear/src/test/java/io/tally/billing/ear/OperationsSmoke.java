package io.tally.billing.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What an admin checks beside the business smoke ({@link SmokeSuite}) on the same server start:
 * health as a load balancer reads it, through a database outage, and the listeners as the admin's
 * script set them, on the raw answers.
 */
abstract class OperationsSmoke extends SmokeSuite {

  /** Tally's checks, each listed once on every server (beside the server's own, on WildFly). */
  private static final List<String> READINESS =
      List.of("database", "migrations", "pricing-plugins");

  private static final Duration OUTAGE_SEEN = Duration.ofSeconds(60);
  private static final Duration RECOVERED = Duration.ofSeconds(120);

  /**
   * Readiness lists Tally's own checks, each once, with their data; a database outage (this
   * server's relay cut) turns it DOWN while liveness stays UP, and it comes back UP by itself.
   */
  @Test
  void readinessFollowsTheDatabaseThroughAnOutage() {
    Http probes = new Http(health(), "no key");
    Health ready = Health.of(probes.page("health/ready"));
    Health live = Health.of(probes.page("health/live"));
    Health started = Health.of(probes.page("health/started"));

    assertEquals(200, ready.status(), ready.toString());
    assertEquals(READINESS, ready.named(READINESS), ready.toString());
    assertTrue(Long.parseLong(ready.data("database", "pingMs")) >= 0, ready.toString());
    assertEquals(Health.newestMigration(), ready.data("migrations", "version"));
    assertEquals(Health.newestMigration(), ready.data("migrations", "newest"));
    assertEquals("4", ready.data("pricing-plugins", "loaded"));
    assertEquals("", ready.data("pricing-plugins", "problems"));
    assertEquals(List.of("jvm"), live.named(List.of("jvm", "started")), live.toString());
    assertEquals(List.of("started"), started.named(List.of("jvm", "started")), started.toString());
    assertEquals("UP", started.status("started"), started.toString());

    Instant cut = Instant.now();
    relay().cut();
    try {
      Health down = awaitReadiness(probes, 503, OUTAGE_SEEN);
      System.out.printf(
          "%s: readiness DOWN %d ms after the database went away%n",
          serverName(), Duration.between(cut, Instant.now()).toMillis());
      assertEquals("DOWN", down.overall(), down.toString());
      assertEquals("DOWN", down.status("database"), down.toString());
      assertEquals(200, probes.page("health/live").status(), "liveness during the outage");
    } finally {
      relay().open();
    }
    Instant back = Instant.now();
    Health again = awaitReadiness(probes, 200, RECOVERED);
    System.out.printf(
        "%s: readiness UP again %d ms after the database came back%n",
        serverName(), Duration.between(back, Instant.now()).toMillis());
    for (String check : READINESS) {
      assertEquals("UP", again.status(check), again.toString());
    }
  }

  /**
   * The listeners as the admin's script sets them, read on the raw answers: the session cookie is
   * HttpOnly and SameSite=Lax, and no answer names the server (Server, X-Powered-By).
   */
  @Test
  void theSessionCookieIsHttpOnlyAndLaxAndNoAnswerNamesTheServer() {
    Http browser = new Http(base(), "none");
    Http.Reply form = browser.page("login.xhtml");
    Matcher viewState = VIEW_STATE.matcher(form.body());
    assertTrue(viewState.find(), "no ViewState on the sign-in page");
    Http.Reply signedIn = browser.form("login.xhtml", signIn(viewState.group(1)));
    Http.Reply page = browser.page("admin/accounts.xhtml");
    Http.Reply json = api().get("plans");

    assertEquals(200, page.status(), page.body());
    List<String> sessions =
        Stream.of(form, signedIn, page)
            .flatMap(reply -> reply.headers().allValues("Set-Cookie").stream())
            .filter(cookie -> cookie.startsWith("JSESSIONID="))
            .toList();
    assertFalse(sessions.isEmpty(), "no session cookie sent");
    for (String cookie : sessions) {
      List<String> attributes = Stream.of(cookie.split(";")).map(String::strip).toList();
      assertTrue(attributes.contains("HttpOnly"), cookie);
      List<String> sameSite = attributes.stream().filter(a -> a.startsWith("SameSite")).toList();
      // Payara may write the listener's SameSite twice (payara/Payara#7254): the same value.
      assertFalse(sameSite.isEmpty(), cookie);
      assertTrue(sameSite.stream().allMatch("SameSite=Lax"::equals), cookie);
    }
    for (Http.Reply reply : List.of(form, signedIn, page, json)) {
      assertEquals(List.of(), reply.headers().allValues("Server"), reply.headers().toString());
      assertEquals(
          List.of(), reply.headers().allValues("X-Powered-By"), reply.headers().toString());
    }
  }

  /** Polls readiness until it answers {@code status}, within {@code within}. */
  private Health awaitReadiness(Http probes, int status, Duration within) {
    Instant deadline = Instant.now().plus(within);
    Http.Reply last = probes.page("health/ready");
    while (last.status() != status && Instant.now().isBefore(deadline)) {
      pause();
      last = probes.page("health/ready");
    }
    assertEquals(status, last.status(), "readiness within " + within + ": " + last.body());
    return Health.of(last);
  }
}
