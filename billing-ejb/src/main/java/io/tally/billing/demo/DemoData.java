package io.tally.billing.demo;

import io.tally.billing.account.Accounts;
import io.tally.billing.account.ApiKeys;
import io.tally.billing.account.WebUsers;
import io.tally.billing.api.BillingMode;
import io.tally.billing.api.ModelDefinition;
import io.tally.billing.api.OpenAccount;
import io.tally.billing.api.SpendLimitService;
import io.tally.billing.platform.Json;
import io.tally.billing.pricing.Catalog;
import io.tally.billing.pricing.PriceBook;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Seeds the demo (only when {@code tally.demo.enabled}): a catalog across the four shipped families
 * at realistic prices, and a customer account with a documented key and page password. Seeding is
 * idempotent: what exists is left alone, so restarts keep the demo's history.
 */
@Startup
@Singleton
@DependsOn({"Migrations", "PluginRegistry"})
// No container transaction around the seeding (it was NOT_SUPPORTED, which Payara did not apply
// to @PostConstruct): the catalog stayed uncommitted while the demo's calls, charged outside that
// transaction, looked for its models. Each service call below commits on its own.
@TransactionManagement(TransactionManagementType.BEAN)
public class DemoData {

  /** The demo customer's account key, documented in the README. Never used outside the demo. */
  public static final String CUSTOMER_KEY = "tk_demo_customer_0123456789abcdef0123456789abcdef";

  /** A second key of the demo customer that may spend {@link #LIMITED_KEY_LIMIT} a month. */
  public static final String LIMITED_KEY = "tk_demo_limited_0123456789abcdef0123456789abcdef";

  static final BigDecimal LIMITED_KEY_LIMIT = new BigDecimal("0.50");

  static final String CUSTOMER_EMAIL = "demo@tally.dev";

  /** The demo customer's password on the pages, documented in the README. Demo only. */
  static final String CUSTOMER_PASSWORD = "demo-customer-password";

  private static final Logger LOG = Logger.getLogger(DemoData.class.getName());

  private record DemoModel(String id, String family, String name, String gpu, String pricing) {}

  private static final List<DemoModel> MODELS =
      List.of(
          new DemoModel(
              "flux-schnell",
              "image",
              "FLUX.1 [schnell]",
              "H100",
              "{\"mode\":\"per_image\",\"pricePerImage\":\"0.003\"}"),
          new DemoModel(
              "flux-dev",
              "image",
              "FLUX.1 [dev]",
              "H100",
              "{\"mode\":\"per_image\",\"pricePerImage\":\"0.025\"}"),
          new DemoModel(
              "sdxl",
              "image",
              "Stable Diffusion XL",
              "A100 40GB",
              "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.001150\"}"),
          new DemoModel(
              "sd-3.5-large",
              "image",
              "Stable Diffusion 3.5 Large",
              "H100",
              "{\"mode\":\"per_image\",\"pricePerImage\":\"0.065\"}"),
          new DemoModel(
              "wan-2.1-t2v",
              "video",
              "Wan 2.1 text-to-video",
              "H100",
              "{\"mode\":\"per_output_second\",\"ratesByResolution\":{\"480p\":\"0.09\",\"720p\":\"0.25\"}}"),
          new DemoModel(
              "kling-1.6-pro",
              "video",
              "Kling 1.6 Pro",
              "H100",
              "{\"mode\":\"per_output_second\",\"ratesByResolution\":{\"720p\":\"0.28\",\"1080p\":\"0.475\"}}"),
          new DemoModel(
              "hunyuan-video",
              "video",
              "HunyuanVideo",
              "H100 x4",
              "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.005600\"}"),
          new DemoModel(
              "real-esrgan",
              "upscaler",
              "Real-ESRGAN 4x",
              "T4",
              "{\"mode\":\"per_output_megapixel\",\"pricePerMegapixel\":\"0.0005\"}"),
          new DemoModel(
              "clarity-upscaler",
              "upscaler",
              "Clarity Upscaler",
              "A100 80GB",
              "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.001400\"}"),
          new DemoModel(
              "flux-lora-trainer",
              "finetune",
              "FLUX LoRA trainer",
              "H100",
              "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.001\"}"),
          new DemoModel(
              "llama-3.1-8b-finetune",
              "finetune",
              "Llama 3.1 8B fine-tune",
              "A100 80GB",
              "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.001\"}"));

  @Inject
  @ConfigProperty(name = "tally.demo.enabled", defaultValue = "false")
  boolean enabled;

  @Inject Catalog catalog;

  @Inject Accounts accounts;

  @Inject ApiKeys keys;

  @Inject WebUsers users;

  @Inject SpendLimitService spendLimits;

  @Inject DemoCalls calls;

  @Inject PriceBook prices;

  @PersistenceContext EntityManager em;

  @PostConstruct
  void seed() {
    if (!enabled) {
      return;
    }
    int created = 0;
    Map<String, Map<String, Object>> sheets = new HashMap<>();
    for (DemoModel model : MODELS) {
      sheets.put(model.id(), Json.readObject(model.pricing()));
      if (em.find(io.tally.billing.pricing.Model.class, model.id()) == null) {
        catalog.define(
            model.id(),
            new ModelDefinition(
                model.family(), model.name(), model.gpu(), Json.readObject(model.pricing())));
        created++;
      }
    }
    boolean customerExists =
        !em.createQuery("SELECT a.id FROM Account a WHERE a.email = :email", Long.class)
            .setParameter("email", CUSTOMER_EMAIL)
            .getResultList()
            .isEmpty();
    if (!customerExists) {
      long id =
          accounts
              .open(new OpenAccount(CUSTOMER_EMAIL, "Demo Customer", BillingMode.PREPAID, null))
              .id();
      keys.register(id, CUSTOMER_KEY);
      spendLimits.setKeyLimit(id, keys.register(id, LIMITED_KEY).stored().id(), LIMITED_KEY_LIMIT);
      LOG.info("demo customer account " + id + " opened with key " + CUSTOMER_KEY);
    }
    users.ensureCustomer(CUSTOMER_EMAIL, CUSTOMER_PASSWORD);
    if (created == MODELS.size()) {
      traffic(sheets);
    }
    LOG.info("demo data: " + created + " models added, " + MODELS.size() + " in the demo catalog");
  }

  /** A fresh demo catalog gets a few days of calls, so the model pages show speed. */
  private void traffic(Map<String, Map<String, Object>> sheets) {
    List<String> ids = MODELS.stream().map(DemoModel::id).toList();
    calls.backdate(ids, calls.firstDay().minus(Duration.ofDays(1)));
    // The prices were changed behind JPA's back: drop its shared cache and the price book's.
    em.getEntityManagerFactory().getCache().evictAll();
    ids.forEach(prices::changed);
    long customer =
        em.createQuery("SELECT a.id FROM Account a WHERE a.email = :email", Long.class)
            .setParameter("email", CUSTOMER_EMAIL)
            .getSingleResult();
    LOG.info("demo data: " + calls.charge(customer, sheets) + " demo calls charged");
  }
}
