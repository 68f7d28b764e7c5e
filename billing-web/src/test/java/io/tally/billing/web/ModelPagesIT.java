package io.tally.billing.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.billing.speed.SpeedBuckets;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The public model pages and the speed figures behind them: {@code GET /models/{id}/stats} without
 * a key, against what the test's own calls imply; and the catalog and model pages signed out in
 * headless Chromium (screenshots under {@code target/screenshots/}), whose calculator must quote
 * what {@code POST /quotes} quotes.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ModelPagesIT {

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final String PER_SECOND = "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.0013\"}";

  private static WebDriver browser;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.tally();
  }

  @ArquillianResource URL base;

  Api admin;

  @BeforeAll
  static void startBrowser() throws IOException {
    File driver = new File("/usr/bin/chromedriver");
    Path profile = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "chromium-");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(driver).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--window-size=1280,900",
        "--user-data-dir=" + profile);
    browser = new ChromeDriver(service, options);
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @BeforeEach
  void signedOut() {
    admin = Api.admin(base);
    browser.manage().deleteAllCookies();
    browser.manage().window().setSize(new Dimension(1280, 900));
  }

  @AfterEach
  void ledgerReconciles() {
    JsonObject report = admin.reconciliation();
    assertTrue(report.getBoolean("ok"), report.toString());
  }

  // ---------------------------------------------------------------- the stats API

  @Test
  void statsNeedNoKeyAndEqualWhatTheCallsImplySingleAndBatched() {
    String model = admin.newModel("image", PER_SECOND);
    // Post-paid: the hour-long call alone costs $4.68.
    long account =
        admin.newAccount(
            "{\"email\":\""
                + Api.unique("speed")
                + "@example.com\",\"name\":\"Speed\",\"billingMode\":\"POSTPAID\",\"creditLimit\":\"100\"}");
    long[] durations = {40, 150, 180, 950, 1234, 1500, 1800, 4000, 4200, 12_000, 45_000, 3_700_000};
    // Half one by one (LedgerWriter.charge), half in one batch (ChargeGroup).
    List<String> batch = new ArrayList<>();
    for (int i = 0; i < durations.length; i++) {
      String event = usage(account, model, durations[i]);
      if (i % 2 == 0) {
        Api.Reply charged = admin.post("usage", event);
        assertEquals(201, charged.status(), charged.body());
      } else {
        batch.add(event);
      }
    }
    Api.Reply batched = admin.post("usage/batch", "{\"events\":[" + String.join(",", batch) + "]}");
    assertEquals(200, batched.status(), batched.body());
    batched
        .json()
        .getJsonArray("results")
        .forEach(
            result -> assertEquals(201, result.asJsonObject().getInt("status"), batched.body()));

    Api.Reply reply = admin.as(null).get("models/" + model + "/stats");
    assertEquals(200, reply.status(), reply.body());
    assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
    JsonObject stats = reply.json();
    assertEquals(model, stats.getString("model"));
    assertEquals(7, stats.getInt("days"));
    assertEquals(durations.length, stats.getJsonNumber("calls").longValue());
    long sum = Arrays.stream(durations).sum();
    assertEquals(
        BigDecimal.valueOf(sum)
            .divide(BigDecimal.valueOf(durations.length), 0, RoundingMode.HALF_UP)
            .longValueExact(),
        stats.getJsonNumber("averageDurationMs").longValue());
    assertWithinBucket(durations, 50, stats.getJsonNumber("p50DurationMs").longValue());
    assertWithinBucket(durations, 90, stats.getJsonNumber("p90DurationMs").longValue());
    // 0.0013 $/s × the exact average (sum / 12 ms), rounded half-up once to the micro-dollar.
    BigDecimal typical =
        new BigDecimal("0.0013")
            .multiply(BigDecimal.valueOf(sum))
            .divide(BigDecimal.valueOf(1000L * durations.length), 6, RoundingMode.HALF_UP);
    assertEquals(typical.toPlainString(), stats.getString("typicalCost"));

    // A key, even a wrong one, changes nothing: the figures are public.
    Api.Reply withBadKey = admin.as("tk_not_a_key").get("models/" + model + "/stats");
    assertEquals(200, withBadKey.status(), withBadKey.body());
    assertEquals(stats, withBadKey.json());
    assertEquals(stats, admin.get("models/" + model + "/stats?days=7").json());
  }

  @Test
  void callsWithoutADurationAreNotSpeedAndARefundLeavesSpeedAlone() {
    String model = admin.newModel("image", "{\"mode\":\"per_image\",\"pricePerImage\":\"0.003\"}");
    long account = admin.newAccount();
    assertEquals(201, admin.post("usage", usage(account, model, 2500)).status());
    Api.Reply untimed =
        admin.post(
            "usage",
            "{\"requestId\":\""
                + Api.unique("u")
                + "\",\"accountId\":"
                + account
                + ",\"model\":\""
                + model
                + "\"}");
    assertEquals(201, untimed.status(), untimed.body());
    Api.Reply refunded =
        admin.post(
            "charges/" + untimed.json().getJsonNumber("id").longValue() + "/refunds",
            "{\"reason\":\"test\"}",
            "Idempotency-Key",
            Api.unique("refund"));
    assertEquals(201, refunded.status(), refunded.body());

    JsonObject stats = admin.as(null).get("models/" + model + "/stats?days=1").json();
    assertEquals(1, stats.getJsonNumber("calls").longValue());
    assertEquals(2500, stats.getJsonNumber("averageDurationMs").longValue());
    assertEquals(2500, stats.getJsonNumber("p50DurationMs").longValue());
    assertEquals(2500, stats.getJsonNumber("p90DurationMs").longValue());
    assertFalse(stats.containsKey("typicalCost"), "a per-image price has no typical cost here");
  }

  @Test
  void aModelWithoutCallsSaysSoAndDaysAreBoundedAndUnknownModelsAreNotFound() {
    String model = admin.newModel("video", video());
    JsonObject none = admin.as(null).get("models/" + model + "/stats?days=90").json();
    assertEquals(0, none.getJsonNumber("calls").longValue());
    assertEquals(90, none.getInt("days"));
    for (String absent : List.of("averageDurationMs", "p50DurationMs", "p90DurationMs")) {
      assertFalse(none.containsKey(absent), none.toString());
    }
    assertEquals(200, admin.as(null).get("models/" + model + "/stats?days=1").status());

    for (String days : List.of("0", "91", "-1", "seven", "1.5", "", "99999999999")) {
      Api.Reply refused = admin.as(null).get("models/" + model + "/stats?days=" + days);
      assertEquals(400, refused.status(), days + ": " + refused.body());
      assertEquals("days", refused.json().getString("field"), refused.body());
      assertTrue(refused.json().containsKey("error"), refused.body());
    }
    Api.Reply unknown = admin.as(null).get("models/no-such-model/stats");
    assertEquals(404, unknown.status(), unknown.body());
    assertEquals("model_not_found", unknown.json().getString("error"));

    // Keyless is the stats read alone: the model itself, and writes beside it, still need a key.
    assertEquals(401, admin.as(null).get("models/" + model).status());
    assertEquals(401, admin.as(null).get("models").status());
    assertEquals(405, admin.as(null).put("models/" + model + "/stats", "{}").status());
  }

  @Test
  void keylessReadsAreRateLimitedPerAddress() {
    String model = admin.newModel("image", PER_SECOND);
    assertEquals(
        204,
        admin
            .exchange("PUT", "test-support/limits?accountRequests=3&periodSeconds=3600", null)
            .status());
    try {
      for (int i = 0; i < 3; i++) {
        assertEquals(200, admin.as(null).get("models/" + model + "/stats").status());
      }
      Api.Reply limited = admin.as(null).get("models/" + model + "/stats");
      assertEquals(429, limited.status(), limited.body());
      assertEquals("rate_limited", limited.json().getString("error"));
      assertTrue(Long.parseLong(limited.header("Retry-After")) > 0, limited.body());
      // A key changes nothing here either: the read is counted by its address.
      assertEquals(429, admin.get("models/" + model + "/stats").status());
      assertEquals(200, admin.get("models/" + model).status());
    } finally {
      assertEquals(204, admin.exchange("DELETE", "test-support/limits", null).status());
    }
  }

  @Test
  void theWindowCountsUtcDaysBackFromToday() {
    String model = admin.newModel("upscaler", PER_SECOND);
    long account = admin.newAccount();
    for (long ms : new long[] {300, 700}) {
      assertEquals(201, admin.post("usage", usage(account, model, ms)).status());
    }
    assertEquals(2, calls(model, 1));
    admin.advanceClock(Duration.ofDays(2));
    assertEquals(0, calls(model, 1));
    assertEquals(0, calls(model, 2));
    assertEquals(2, calls(model, 3));
    assertEquals(2, calls(model, 7));
  }

  // ---------------------------------------------------------------- the pages

  @Test
  void theCalculatorQuotesWhatPostQuotesQuotesForEachShippedFamily() throws Exception {
    record Case(String family, String sheet, Map<String, String> inputs) {}
    List<Case> cases =
        List.of(
            new Case(
                "image",
                "{\"mode\":\"per_image\",\"pricePerImage\":\"0.0031\"}",
                Map.of("width", "1536", "height", "1024", "numImages", "3")),
            new Case("image", PER_SECOND, Map.of("durationMs", "2345")),
            new Case("video", video(), Map.of("seconds", "4.5", "resolution", "1080p")),
            new Case(
                "upscaler",
                "{\"mode\":\"per_output_megapixel\",\"pricePerMegapixel\":\"0.00077\"}",
                Map.of("outputWidth", "4000", "outputHeight", "3001")),
            new Case(
                "finetune",
                "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.001\"}",
                Map.of("durationMs", "61001")));
    for (Case c : cases) {
      String model = admin.newModel(c.family(), c.sheet());
      open("models/" + model);
      assertEquals(model, text("model-id"));
      assertEquals(c.family(), text("model-family"));
      for (Map.Entry<String, String> input : c.inputs().entrySet()) {
        WebElement field = parameter(input.getKey());
        field.clear();
        field.sendKeys(input.getValue());
      }
      browser.findElement(By.id("tabs:calc:quote")).click();
      String shown = text("quote-amount");

      StringBuilder quote = new StringBuilder("{\"model\":\"" + model + "\"");
      String parameters =
          c.inputs().entrySet().stream()
              .filter(input -> !input.getKey().equals("durationMs"))
              .map(input -> "\"" + input.getKey() + "\":" + json(input.getValue()))
              .collect(Collectors.joining(","));
      if (c.inputs().containsKey("durationMs")) {
        quote.append(",\"durationMs\":").append(c.inputs().get("durationMs"));
      }
      quote.append(",\"parameters\":{").append(parameters).append("}}");
      Api.Reply quoted = admin.post("quotes", quote.toString());
      assertEquals(200, quoted.status(), quoted.body());
      assertEquals("$" + quoted.json().getString("amount"), shown, c.toString());
      screenshot("model-calculator-" + c.family() + "-" + c.sheet().replaceAll("\\W", "").length());
    }
  }

  @Test
  void theCalculatorShowsThePluginsRefusalBesideTheInput() {
    String model = admin.newModel("image", "{\"mode\":\"per_image\",\"pricePerImage\":\"0.003\"}");
    open("models/" + model);
    parameter("width").sendKeys("20000");
    browser.findElement(By.id("tabs:calc:quote")).click();
    waiting(20).until(page -> !errorBeside("width").isBlank());
    assertTrue(errorBeside("width").contains("width"), errorBeside("width"));
    assertTrue(browser.findElements(By.id("quote-amount")).isEmpty());
    screenshot("model-calculator-refused");
  }

  @Test
  void aModelPageShowsNameFamilyGpuPricesAndSpeedSignedOutAtDesktopAndPhoneWidths() {
    String model = admin.newModel("image", PER_SECOND);
    Api.Reply named =
        admin.put(
            "models/" + model,
            "{\"family\":\"image\",\"name\":\"Speedy Diffusion\",\"gpu\":\"H100\",\"pricing\":"
                + PER_SECOND
                + "}");
    assertEquals(200, named.status(), named.body());
    Api.Reply scheduled =
        admin.put(
            "models/" + model + "/price",
            "{\"pricing\":{\"mode\":\"per_second\",\"ratePerSecond\":\"0.002\"},"
                + "\"effectiveFrom\":\"2099-01-01T00:00:00Z\"}");
    assertEquals(200, scheduled.status(), scheduled.body());
    long account = admin.newAccount();
    for (long ms : new long[] {1000, 2000, 4500}) {
      assertEquals(201, admin.post("usage", usage(account, model, ms)).status());
    }
    JsonObject stats = admin.as(null).get("models/" + model + "/stats").json();

    open("models/" + model);
    assertEquals("Speedy Diffusion", browser.findElement(By.tagName("h1")).getText());
    assertEquals("H100", text("model-gpu"));
    assertTrue(
        browser.findElement(By.id("tabs:price-words")).getText().contains("$0.0013 per second"),
        browser.findElement(By.id("tabs:price-words")).getText());
    String later = browser.findElement(By.id("tabs:scheduled")).getText();
    assertTrue(later.contains("$0.002 per second") && later.contains("2099-01-01"), later);
    screenshot("model-page");

    browser.findElement(By.linkText("Speed")).click();
    assertEquals("3", text("speed-calls"));
    assertEquals("2.500 s", text("speed-average"));
    assertEquals("$" + stats.getString("typicalCost"), text("speed-typical"), stats.toString());
    assertEquals("$0.003250", text("speed-typical"));
    screenshot("model-speed");

    browser.manage().window().setSize(new Dimension(390, 844));
    open("models/" + model);
    assertEquals("Speedy Diffusion", browser.findElement(By.tagName("h1")).getText());
    assertFitsThePhone("model page");
    screenshot("model-page-phone");
    open("models");
    assertFitsThePhone("catalog");
    screenshot("models-phone");
  }

  @Test
  void theCatalogIsSearchableByNameAndFamilyAndLinksToEachPage() {
    admin.newModel("video", video());
    String name = "Zebra " + Api.unique("z");
    String model = admin.newModel("upscaler", PER_SECOND);
    assertEquals(
        200,
        admin
            .put(
                "models/" + model,
                "{\"family\":\"upscaler\",\"name\":\""
                    + name
                    + "\",\"pricing\":"
                    + PER_SECOND
                    + "}")
            .status());
    open("models");
    assertEquals("Models", browser.findElement(By.tagName("h1")).getText());
    screenshot("models");

    search(name.substring(6).toUpperCase());
    List<WebElement> rows = catalogRows();
    assertEquals(1, rows.size(), browser.getPageSource());
    assertEquals(name, rows.get(0).findElement(By.className("model-link")).getText());

    search("video");
    List<WebElement> videos = catalogRows();
    assertFalse(videos.isEmpty());
    for (WebElement row : videos) {
      assertEquals("video", row.findElement(By.className("family")).getText());
    }

    search(name);
    browser.findElement(By.className("model-link")).click();
    waiting(20).until(ExpectedConditions.urlContains("/models/" + model));
    assertEquals(name, browser.findElement(By.tagName("h1")).getText());
    assertEquals(404, RawHttp.get(url("models/no-such-model")).statusCode());
    assertEquals(404, RawHttp.get(url("models/a/b")).statusCode());
  }

  @Test
  void theUsagePageLinksEachModelToItsPage() {
    String email = Api.unique("cust") + "@example.com";
    long account = admin.newAccount("{\"email\":\"" + email + "\",\"name\":\"Linked Customer\"}");
    String password = "correct horse battery";
    Api.Reply allowed =
        admin.post(
            "test-support/web-customers?email=" + email + "&password=" + password.replace(" ", "+"),
            "");
    assertEquals(204, allowed.status(), allowed.body());
    String model = admin.newModel("image", PER_SECOND);
    assertEquals(201, admin.post("usage", usage(account, model, 1500)).status());

    open("login.xhtml");
    waiting(20)
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("signin:email")))
        .sendKeys(email);
    browser.findElement(By.id("signin:password")).sendKeys(password);
    browser.findElement(By.id("signin:submit")).click();
    waiting(30).until(ExpectedConditions.urlContains("/account/"));
    open("account/usage.xhtml");
    WebElement link =
        waiting(20)
            .until(
                ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//a[@class='model-link' and .//span[text()='" + model + "']]")));
    assertTrue(link.getAttribute("href").endsWith("/models/" + model), link.getAttribute("href"));
    link.click();
    waiting(20).until(ExpectedConditions.urlContains("/models/" + model));
    assertEquals(model, text("model-id"));
    screenshot("usage-to-model");
  }

  // ---------------------------------------------------------------- helpers

  /** The estimate lies within the width of the bucket that holds the true percentile. */
  private static void assertWithinBucket(long[] durations, int percent, long estimate) {
    long[] sorted = durations.clone();
    Arrays.sort(sorted);
    int rank = (int) ((percent * (long) sorted.length + 99) / 100);
    long truth = sorted[rank - 1];
    int bucket = SpeedBuckets.of(truth);
    long width = SpeedBuckets.upper(bucket) - SpeedBuckets.lower(bucket);
    assertTrue(
        Math.abs(estimate - truth) <= width,
        "p" + percent + " " + estimate + " vs " + truth + " (bucket width " + width + ")");
  }

  private long calls(String model, int days) {
    Api.Reply reply = admin.as(null).get("models/" + model + "/stats?days=" + days);
    assertEquals(200, reply.status(), reply.body());
    return reply.json().getJsonNumber("calls").longValue();
  }

  private static String video() {
    return "{\"mode\":\"per_output_second\",\"ratesByResolution\":{\"720p\":\"0.28\",\"1080p\":\"0.475\"}}";
  }

  private static String json(String value) {
    try {
      new BigDecimal(value);
      return value;
    } catch (NumberFormatException text) {
      return "\"" + value + "\"";
    }
  }

  private static String usage(long account, String model, long durationMs) {
    return "{\"requestId\":\""
        + Api.unique("speed")
        + "\",\"accountId\":"
        + account
        + ",\"model\":\""
        + model
        + "\",\"durationMs\":"
        + durationMs
        + "}";
  }

  private void search(String text) {
    WebElement box = waiting(20).until(ExpectedConditions.visibilityOfElementLocated(By.id("q")));
    box.clear();
    box.sendKeys(text);
    browser.findElement(By.id("search-submit")).click();
    waiting(20).until(ExpectedConditions.attributeToBe(By.id("q"), "value", text));
  }

  private List<WebElement> catalogRows() {
    return browser.findElements(By.cssSelector("#catalog_data tr")).stream()
        .filter(row -> !row.findElements(By.className("model-link")).isEmpty())
        .toList();
  }

  private void assertFitsThePhone(String what) {
    assertFalse(
        (Boolean)
            ((JavascriptExecutor) browser)
                .executeScript(
                    "return document.documentElement.scrollWidth > window.innerWidth + 1;"),
        "the " + what + " fits a phone-width screen without scrolling sideways");
  }

  private WebElement parameter(String name) {
    return waiting(20)
        .until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("input[data-parameter='" + name + "']")));
  }

  private String errorBeside(String name) {
    return browser.findElement(By.cssSelector("[data-error-for='" + name + "']")).getText();
  }

  private void open(String path) {
    browser.get(url(path).toString());
  }

  private URI url(String path) {
    return URI.create(base.toString()).resolve(path);
  }

  private String text(String id) {
    return waiting(20).until(ExpectedConditions.visibilityOfElementLocated(By.id(id))).getText();
  }

  private WebDriverWait waiting(int seconds) {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(seconds));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  private static void screenshot(String name) {
    try {
      File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
      Files.copy(
          shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
