package io.tally.billing.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP as it is on the wire, for tests of headers, cookies and the sign-in form: no browser fills
 * in a default, no redirect is followed, and a body can be sent chunked.
 */
final class RawHttp {

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private RawHttp() {}

  static HttpResponse<String> get(URI uri, String... headers) {
    return send(request(uri, headers).GET());
  }

  static HttpResponse<String> postForm(URI uri, String cookie, String form) {
    HttpRequest.Builder request =
        request(uri, "Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return send(request);
  }

  /** A POST whose body has no declared length, so it travels chunked. */
  static HttpResponse<String> postChunked(URI uri, Supplier<InputStream> body, String... headers) {
    return send(request(uri, headers).POST(HttpRequest.BodyPublishers.ofInputStream(body)));
  }

  static HttpResponse<String> post(URI uri, String body, String... headers) {
    return send(request(uri, headers).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Every value of a response header, in the order sent. */
  static List<String> all(HttpResponse<?> response, String header) {
    return response.headers().allValues(header);
  }

  /** The value of the hidden input named {@code name} in a page. */
  static String hidden(String html, String name) {
    Matcher input =
        Pattern.compile("<input[^>]*name=\"" + Pattern.quote(name) + "\"[^>]*>").matcher(html);
    assertTrue(input.find(), "no input " + name + " in " + html);
    Matcher value = Pattern.compile("value=\"([^\"]*)\"").matcher(input.group());
    assertTrue(value.find(), "no value for " + name);
    return value.group(1).replace("&#58;", ":").replace("&amp;", "&");
  }

  /**
   * The nonce of a page's Content-Security-Policy. PrimeFaces' script posts it with every form (as
   * {@code primefaces.nonce}), so a client without a browser must send it too.
   */
  static String nonce(HttpResponse<?> page) {
    String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
    Matcher nonce = Pattern.compile("'nonce-([^']+)'").matcher(policy);
    assertTrue(nonce.find(), "no nonce in " + policy);
    return nonce.group(1);
  }

  /** The {@code JSESSIONID=…} pair of a response's session cookie, or null. */
  static String sessionCookie(HttpResponse<?> response) {
    return all(response, "Set-Cookie").stream()
        .filter(cookie -> cookie.startsWith("JSESSIONID="))
        .map(cookie -> cookie.split(";", 2)[0])
        .findFirst()
        .orElse(null);
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static HttpRequest.Builder request(URI uri, String... headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return builder;
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
