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
    HttpResponse<String> form = pages.get("login.xhtml");
    Matcher viewState = VIEW_STATE.matcher(form.body());
    assertTrue(viewState.find(), "no ViewState on the sign-in page");
    String body =
        "signin=signin&signin%3Aemail="
            + encode(email)
            + "&signin%3Apassword="
            + encode(password)
            + "&signin%3Asubmit=&jakarta.faces.ViewState="
            + encode(viewState.group(1));
    HttpResponse<String> signedIn =
        pages.http.send(
            HttpRequest.newBuilder(pages.base.resolve("login.xhtml"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String location = signedIn.headers().firstValue("Location").orElse("");
    assertTrue(
        location.contains("/admin/"), "sign-in answered " + signedIn.statusCode() + location);
    return pages;
  }

  /** The page answers 503 with Retry-After and the "unavailable" page, not the 500 page. */
  void assertUnavailable(String path) throws Exception {
    HttpResponse<String> page = get(path);
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
