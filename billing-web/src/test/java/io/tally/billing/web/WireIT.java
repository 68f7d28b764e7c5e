package io.tally.billing.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the server sends on the wire, read from raw HTTP responses (never a browser's view of them):
 * the abuse limits (rate limits, body size, sign-in lockout), the security headers and the session
 * cookie's attributes, and the answers to requests that are wrong before any resource sees them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WireIT {

  private static final String PASSWORD = "correct horse battery";
  private static final String MAX_FAILURES = "5";
  private static final Duration LOCKOUT = Duration.ofSeconds(900);

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.tally();
  }

  @ArquillianResource URL base;

  Api admin;

  @BeforeEach
  void freshLimits() {
    admin = Api.admin(base);
    resetLimits();
  }

  @AfterEach
  void ledgerReconcilesAndLimitsAreForgotten() {
    resetLimits();
    JsonObject report = admin.reconciliation();
    assertTrue(report.getBoolean("ok"), report.toString());
  }

  // ---------------------------------------------------------------- rate limits

  @Test
  void anAccountKeyPastItsRateGets429WithRetryAfterWhileTheServiceKeyPasses() {
    long account = admin.newAccount();
    Api customer = admin.as(admin.keyOf(account));
    Api.Reply small = admin.put("test-support/limits?accountRequests=3&periodSeconds=60", "");
    assertEquals(204, small.status(), small.body());

    for (int i = 0; i < 3; i++) {
      assertEquals(200, customer.get("accounts/" + account).status());
    }
    Api.Reply refused = customer.get("accounts/" + account);

    assertEquals(429, refused.status(), refused.body());
    assertTrue(refused.contentType().startsWith("application/json"), refused.contentType());
    assertEquals("rate_limited", refused.error());
    assertFalse(refused.json().getString("message").isBlank());
    long retryAfter = Long.parseLong(refused.header("Retry-After"));
    assertTrue(
        retryAfter >= 1 && retryAfter <= 20, "3 a minute: one more every 20 s, " + retryAfter);
    for (int i = 0; i < 30; i++) {
      assertEquals(
          200, admin.get("accounts/" + account).status(), "the service key is not limited");
    }

    admin.advanceClock(Duration.ofSeconds(retryAfter));

    assertEquals(200, customer.get("accounts/" + account).status(), "after Retry-After");
  }

  // ---------------------------------------------------------------- body size

  @Test
  void aBodyOverOneMebibyteGets413AsJsonWhetherItsLengthIsDeclaredOrChunked() {
    long account = admin.newAccount();
    String padded =
        "{\"requestId\":\"" + "r".repeat(1024 * 1024) + "\",\"accountId\":" + account + "}";
    URI usage = api("usage");

    HttpResponse<String> declared =
        RawHttp.post(usage, padded, "Authorization", bearer(), "Content-Type", "application/json");
    HttpResponse<String> chunked =
        RawHttp.postChunked(
            usage,
            () -> new ByteArrayInputStream(padded.getBytes(StandardCharsets.UTF_8)),
            "Authorization",
            bearer(),
            "Content-Type",
            "application/json");

    for (HttpResponse<String> answer : List.of(declared, chunked)) {
      assertEquals(413, answer.statusCode(), answer.body());
      assertTrue(
          answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
      assertEquals("payload_too_large", json(answer).getString("error"));
    }
    assertEquals("1.000000", admin.get("accounts/" + account).json().getString("balance"));
  }

  @Test
  void aBatchOfAThousandEventsStillFitsTheBodyLimit() {
    long account = admin.newAccount();
    String model = admin.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.001\"}");
    String events =
        IntStream.range(0, 1000)
            .mapToObj(
                i ->
                    "{\"requestId\":\""
                        + Api.unique("gateway-request-0123456789")
                        + "\",\"accountId\":"
                        + account
                        + ",\"model\":\""
                        + model
                        + "\",\"durationMs\":1,\"parameters\":{\"width\":1024,\"height\":1024}}")
            .collect(Collectors.joining(",", "{\"events\":[", "]}"));

    Api.Reply batch = admin.post("usage/batch", events);

    assertEquals(200, batch.status(), batch.body());
    assertEquals(1000, batch.json().getJsonArray("results").size());
    assertEquals("0.999000", admin.get("accounts/" + account).json().getString("balance"));
  }

  // ---------------------------------------------------------------- sign-in lockout

  @Test
  void fiveFailedSignInsLockAnEmailOutKnownOrNotTheRightPasswordTooUntilTheWindowEnds() {
    String known = Api.unique("known") + "@example.com";
    admin.newAccount("{\"email\":\"" + known + "\",\"name\":\"Known\"}");
    Api.Reply allowed =
        admin.post(
            "test-support/web-customers?email=" + known + "&password=" + RawHttp.encode(PASSWORD),
            "");
    assertEquals(204, allowed.status(), allowed.body());
    String unknown = Api.unique("nobody") + "@example.com";
    SignInForm form = new SignInForm(page("login.xhtml"));

    String failed = form.signIn(known, "wrong password").message();
    for (int i = 1; i < Integer.parseInt(MAX_FAILURES); i++) {
      assertEquals(failed, form.signIn(known, "wrong password " + i).message());
      assertEquals(failed, form.signIn(unknown, "wrong password " + i).message());
    }
    assertEquals(failed, form.signIn(unknown, "wrong password").message());
    SignInForm.Answer knownLocked = form.signIn(known, PASSWORD);
    SignInForm.Answer unknownLocked = form.signIn(unknown, PASSWORD);

    assertEquals(200, knownLocked.status(), "the right password is refused during the lockout");
    assertTrue(
        knownLocked.message().startsWith("Too many sign-in attempts"), knownLocked.message());
    assertEquals(knownLocked.message(), unknownLocked.message(), "nothing tells them apart");
    assertEquals("That e-mail and password do not match an account.", failed);

    admin.advanceClock(LOCKOUT);

    SignInForm.Answer afterwards = form.signIn(known, PASSWORD);
    assertEquals(302, afterwards.status(), afterwards.message());
    assertTrue(afterwards.location().endsWith("/account/billing.xhtml"), afterwards.location());
  }

  @Test
  void signUpsFromOneAddressAreThrottledAndNoAccountIsOpenedUntilTheWindowEnds() {
    SignInForm form = new SignInForm(page("signup.xhtml"));
    for (int i = 0; i < 10; i++) {
      SignInForm.Answer weak = form.signUp(Api.unique("weak") + "@example.com", "short");
      assertEquals(200, weak.status(), weak.message());
      assertFalse(weak.message().startsWith("Too many"), weak.message());
    }
    String email = Api.unique("throttled") + "@example.com";

    SignInForm.Answer throttled = form.signUp(email, PASSWORD);

    assertEquals(200, throttled.status());
    assertTrue(
        throttled.message().startsWith("Too many sign-ups from your network"), throttled.message());
    SignInForm.Answer noAccount = new SignInForm(page("login.xhtml")).signIn(email, PASSWORD);
    assertEquals(200, noAccount.status(), "the throttled sign-up opened no account");

    admin.advanceClock(Duration.ofHours(1));

    SignInForm.Answer afterwards = new SignInForm(page("signup.xhtml")).signUp(email, PASSWORD);
    assertEquals(302, afterwards.status(), afterwards.message());
    assertTrue(afterwards.location().endsWith("/account/billing.xhtml"), afterwards.location());
  }

  // ---------------------------------------------------------------- headers and cookies

  @Test
  void aPageSendsItsSessionCookieWithSameSiteLaxAndOnePolicyWhoseNonceItsScriptsCarry() {
    HttpResponse<String> login = RawHttp.get(page("login.xhtml"));

    assertEquals(200, login.statusCode());
    List<String> session =
        RawHttp.all(login, "Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).toList();
    assertEquals(1, session.size(), session.toString());
    List<String> attributes =
        List.of(session.get(0).split(";")).stream().map(String::strip).toList();
    assertTrue(attributes.contains("HttpOnly"), session.toString());
    // Payara 6.2025.10 writes the listener's SameSite twice (payara/Payara#7254): same value.
    List<String> sameSite = attributes.stream().filter(a -> a.startsWith("SameSite")).toList();
    assertFalse(sameSite.isEmpty(), session.toString());
    assertTrue(sameSite.stream().allMatch("SameSite=Lax"::equals), session.toString());
    assertFalse(attributes.contains("Secure"), "plain HTTP, not configured: " + session);
    List<String> policies = RawHttp.all(login, "Content-Security-Policy");
    assertEquals(1, policies.size(), policies.toString());
    String policy = policies.get(0);
    assertTrue(policy.startsWith("default-src 'self';"), policy);
    assertTrue(policy.contains("frame-ancestors 'none'"), policy);
    Matcher nonce = Pattern.compile("script-src 'self' 'nonce-([^']+)'").matcher(policy);
    assertTrue(nonce.find(), policy);
    assertTrue(login.body().contains("nonce=\"" + nonce.group(1) + "\""), "scripts carry it");
    assertFalse(login.body().contains(" onclick=\""), "no inline handlers");
    assertCommonHeaders(login);
  }

  @Test
  void theApiAndAMissingPageSendTheSameHeadersAndNoVersionBanner() {
    HttpResponse<String> models = RawHttp.get(api("models"), "Authorization", bearer());
    HttpResponse<String> missing = RawHttp.get(page("no-such-page"));

    assertEquals(200, models.statusCode());
    assertEquals(
        List.of("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"),
        RawHttp.all(models, "Content-Security-Policy"));
    assertCommonHeaders(models);
    assertEquals(404, missing.statusCode());
    assertTrue(missing.body().contains("Page not found"), missing.body());
    assertFalse(missing.body().contains("Payara"), missing.body());
    assertCommonHeaders(missing);
  }

  // ---------------------------------------------------------------- forms and routes

  @Test
  void aSignInFormWithAForgedViewStateAndNoSessionAnswers400ExpiredAndOffersTheFormAgain() {
    HttpResponse<String> forged =
        RawHttp.postForm(
            page("login.xhtml"),
            null,
            "signin=signin&signin%3Aemail=a%40example.com&signin%3Apassword=x&signin%3Asubmit="
                + "&jakarta.faces.ViewState=forged-view-state");

    assertEquals(400, forged.statusCode(), forged.body());
    assertTrue(forged.body().contains("This page has expired"), forged.body());
    assertTrue(forged.body().contains("/login.xhtml\""), "offers the form again: " + forged.body());
    assertCommonHeaders(forged);
  }

  @Test
  void aSignInFormPostedWithoutThePagesNonceAnswers400Expired() {
    HttpResponse<String> login = RawHttp.get(page("login.xhtml"));
    String viewState = RawHttp.hidden(login.body(), "jakarta.faces.ViewState");

    HttpResponse<String> refused =
        RawHttp.postForm(
            page("login.xhtml"),
            RawHttp.sessionCookie(login),
            "signin=signin&signin%3Aemail=a%40example.com&signin%3Apassword=x&signin%3Asubmit="
                + "&jakarta.faces.ViewState="
                + RawHttp.encode(viewState));

    assertEquals(400, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("This page has expired"), refused.body());
  }

  @Test
  void aWrongMethodAnswers405AsJsonWithTheMethodsAllowed() {
    Api.Reply refused = admin.exchange("DELETE", "usage", null);

    assertEquals(405, refused.status(), refused.body());
    assertEquals("method_not_allowed", refused.error());
    assertTrue(refused.header("Allow").contains("POST"), refused.header("Allow"));
  }

  @Test
  void methodsTheContainerWouldAnswerItselfAnswer405WithAllowAsJsonUnderTheApi() throws Exception {
    SocketHttp http = new SocketHttp(base.getHost(), base.getPort());
    String root = base.getPath().replaceAll("/$", "");
    for (String method : List.of("TRACE", "TRACK", "BREW")) {
      HostileRequests.Request trace =
          new HostileRequests.Request(
              0, "method", method, method, root + "/api/v1/usage", List.of(), new byte[0]);
      SocketHttp.Answer api = http.send(trace);
      assertEquals(405, api.status(), method + ": " + api.head() + api.body());
      assertTrue(api.contentType().startsWith("application/json"), method + ": " + api.head());
      JsonObject error = Json.createReader(new StringReader(api.body())).readObject();
      assertEquals("method_not_allowed", error.getString("error"), method);
      assertEquals(List.of("GET, HEAD, POST, PUT, DELETE, OPTIONS"), api.header("Allow"));
      assertEquals(List.of("nosniff"), api.header("X-Content-Type-Options"), method);

      SocketHttp.Answer page =
          http.send(
              new HostileRequests.Request(
                  0, "method", method, method, root + "/login.xhtml", List.of(), new byte[0]));
      assertEquals(405, page.status(), method + ": " + page.head());
      assertEquals(List.of("GET, HEAD, POST, PUT, DELETE, OPTIONS"), page.header("Allow"));
      assertFalse(page.body().contains("Payara") || page.body().contains("Cookie"), page.body());
    }
    Api.Reply known = admin.exchange("DELETE", "usage", null);
    assertEquals(405, known.status(), "the methods Tally serves still reach its resources");
    assertTrue(known.header("Allow").contains("POST"), known.header("Allow"));
  }

  @Test
  void aPathWithMalformedPercentEncodingAnswers400AsJsonUnderTheApiAndPlainElsewhere()
      throws Exception {
    SocketHttp http = new SocketHttp(base.getHost(), base.getPort());
    String root = base.getPath().replaceAll("/$", "");
    for (String bad : List.of("%ff", "%00%27%22", "%zz", "%4", "caf%e9")) {
      SocketHttp.Answer api = http.send(get(root + "/api/v1/accounts/" + bad));
      assertEquals(400, api.status(), bad + ": " + api.body());
      assertTrue(api.contentType().startsWith("application/json"), bad + ": " + api.contentType());
      JsonObject error = Json.createReader(new StringReader(api.body())).readObject();
      assertEquals("bad_request", error.getString("error"), bad);
      assertFalse(error.getString("message").isBlank(), bad);

      SocketHttp.Answer page = http.send(get(root + "/no-such-page/" + bad));
      assertEquals(400, page.status(), bad + ": " + page.body());
      assertFalse(page.body().isBlank(), bad);
    }
    SocketHttp.Answer fine = http.send(get(root + "/api/v1/accounts/caf%C3%A9"));
    assertEquals(401, fine.status(), "well-formed UTF-8 reaches the application: " + fine.body());
  }

  private static HostileRequests.Request get(String target) {
    return new HostileRequests.Request(
        0, "path", "GET /api/v1/accounts/{id}", "GET", target, List.of(), new byte[0]);
  }

  // ---------------------------------------------------------------- helpers

  private static void assertCommonHeaders(HttpResponse<?> response) {
    assertEquals(List.of("nosniff"), RawHttp.all(response, "X-Content-Type-Options"));
    assertEquals(List.of("same-origin"), RawHttp.all(response, "Referrer-Policy"));
    assertEquals(List.of("DENY"), RawHttp.all(response, "X-Frame-Options"));
    assertEquals(List.of(), RawHttp.all(response, "X-Powered-By"));
    for (String server : RawHttp.all(response, "Server")) {
      assertFalse(server.toLowerCase().matches(".*(payara|glassfish|grizzly|\\d).*"), server);
    }
  }

  private void resetLimits() {
    Api.Reply reset = admin.exchange("DELETE", "test-support/limits", null);
    assertEquals(204, reset.status(), reset.body());
  }

  private URI page(String path) {
    return URI.create(base.toString()).resolve(path);
  }

  private URI api(String path) {
    return page("api/v1/" + path);
  }

  private static String bearer() {
    return "Bearer " + Api.ADMIN_KEY;
  }

  private static JsonObject json(HttpResponse<String> response) {
    try (var reader = Json.createReader(new StringReader(response.body()))) {
      return reader.readObject();
    }
  }

  /** The sign-in form, driven as a client without a browser would: page, cookie, view state. */
  private static final class SignInForm {

    private final URI page;
    private String cookie;
    private String viewState;
    private String nonce;

    SignInForm(URI page) {
      this.page = page;
      HttpResponse<String> first = RawHttp.get(page);
      assertEquals(200, first.statusCode());
      cookie = RawHttp.sessionCookie(first);
      assertNotNull(cookie, "the sign-in page opens a session");
      viewState = RawHttp.hidden(first.body(), "jakarta.faces.ViewState");
      nonce = RawHttp.nonce(first);
    }

    Answer signIn(String email, String password) {
      return submit(
          "signin=signin&signin%3Aemail="
              + RawHttp.encode(email)
              + "&signin%3Apassword="
              + RawHttp.encode(password)
              + "&signin%3Asubmit=");
    }

    /** The sign-up form, when this was opened on the sign-up page. */
    Answer signUp(String email, String password) {
      return submit(
          "signup=signup&signup%3Aemail="
              + RawHttp.encode(email)
              + "&signup%3Aname=Wire&signup%3Apassword="
              + RawHttp.encode(password)
              + "&signup%3Asubmit=");
    }

    private Answer submit(String fields) {
      HttpResponse<String> answer =
          RawHttp.postForm(
              page,
              cookie,
              fields
                  + "&primefaces.nonce="
                  + RawHttp.encode(nonce)
                  + "&jakarta.faces.ViewState="
                  + RawHttp.encode(viewState));
      if (answer.statusCode() == 200) {
        viewState = RawHttp.hidden(answer.body(), "jakarta.faces.ViewState");
        nonce = RawHttp.nonce(answer);
      }
      String renewed = RawHttp.sessionCookie(answer);
      if (renewed != null) {
        cookie = renewed;
      }
      return new Answer(
          answer.statusCode(),
          message(answer.body()),
          answer.headers().firstValue("Location").orElse(""));
    }

    /** The text of the page's error message, or the whole page when it has none. */
    private static String message(String html) {
      Matcher summary =
          Pattern.compile("ui-messages-error-summary\">([^<]*)<").matcher(html == null ? "" : html);
      return summary.find() ? summary.group(1).replace("&#39;", "'") : html;
    }

    record Answer(int status, String message, String location) {}
  }
}
