package io.tally.billing.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A signed-in browser session on the pages, over raw HTTP (no browser: CrashIT reads the wire). */
final class Pages {

  private static final Pattern VIEW_STATE =
      Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");

  private final URI base;
  private final HttpClient http;

  private Pages(URI base) {
    this.base = base;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  /** Signs in through the sign-in form, as a person would. */
  static Pages signIn(URL base, String email, String password) throws Exception {
    Pages pages = new Pages(base.toURI());
    HttpResponse<String> signedIn = pages.postSignIn(email, password);
    String location = signedIn.headers().firstValue("Location").orElse("");
    assertTrue(
        location.contains("/admin/"), "sign-in answered " + signedIn.statusCode() + location);
    return pages;
  }

  /** Posts the sign-in form (after reading it) and answers what the server said to the post. */
  static HttpResponse<String> attemptSignIn(URL base, String email, String password)
      throws Exception {
    return new Pages(base.toURI()).postSignIn(email, password);
  }

  private HttpResponse<String> postSignIn(String email, String password) throws Exception {
    HttpResponse<String> form = get("login.xhtml");
    Matcher viewState = VIEW_STATE.matcher(form.body());
    assertTrue(viewState.find(), "no ViewState on the sign-in page");
    String body =
        "signin=signin&signin%3Aemail="
            + encode(email)
            + "&signin%3Apassword="
            + encode(password)
            // The page's CSP nonce, as PrimeFaces' script adds it: without it a sign-in that is not
            // redirected (a refusal, an outage) renders the "page has expired" answer instead.
            + "&primefaces.nonce="
            + encode(RawHttp.nonce(form))
            + "&signin%3Asubmit=&jakarta.faces.ViewState="
            + encode(viewState.group(1));
    return http.send(
        HttpRequest.newBuilder(base.resolve("login.xhtml"))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The page answers 503 with Retry-After and the "unavailable" page, not the 500 page. */
  void assertUnavailable(String path) throws Exception {
    assertUnavailable(get(path));
  }

  static void assertUnavailable(HttpResponse<String> page) {
    assertEquals(503, page.statusCode(), page.body());
    assertNotNull(page.headers().firstValue("Retry-After").orElse(null), "Retry-After");
    assertTrue(page.body().contains("unavailable-text"), page.body());
    assertFalse(page.body().contains("Exception"), page.body());
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
