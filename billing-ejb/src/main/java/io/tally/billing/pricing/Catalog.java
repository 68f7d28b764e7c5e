package io.tally.billing.pricing;

import static io.tally.billing.platform.Database.utc;

import io.tally.billing.api.AuditAction;
import io.tally.billing.api.BillingException;
import io.tally.billing.api.CatalogService;
import io.tally.billing.api.DefinedModel;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.FailedCallPrice;
import io.tally.billing.api.ModelDefinition;
import io.tally.billing.api.ModelView;
import io.tally.billing.api.PluginView;
import io.tally.billing.audit.AuditTrail;
import io.tally.billing.audit.Change;
import io.tally.billing.platform.Json;
import io.tally.pricing.spi.PricingException;
import jakarta.annotation.Resource;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The model catalog: models, their families, and price versions with effective dates. Every sheet
 * is validated by its family's plugin before it is stored.
 */
@Stateless
@LocalBean
@Local(CatalogService.class)
public class Catalog implements CatalogService {

  private static final Pattern MODEL_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

  /** A new price may start a little in the past, to allow for clocks that disagree. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  @PersistenceContext EntityManager em;

  @Inject PluginRegistry plugins;

  @Inject PriceBook book;

  @Inject PriceDescriptions descriptions;

  @Inject PricingFailures failures;

  @Inject Clock clock;

  @Inject AuditTrail audit;

  @Resource TransactionSynchronizationRegistry transactions;

  /**
   * Creates a model with its first price in force now, or updates its names; a changed sheet
   * becomes a new price version in force now.
   */
  @Override
  public DefinedModel define(String id, ModelDefinition definition) {
    if (!MODEL_ID.matcher(id).matches()) {
      throw BillingException.invalid(
          "id",
          "a model id is 1-100 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    validate(definition.family(), id, definition.pricing());
    Map<String, Object> pricing = normalized(definition.pricing());
    FailedCallPrice failedCalls = normalized(definition.failedCalls());
    Model model = em.find(Model.class, id, LockModeType.PESSIMISTIC_WRITE);
    // Read after the lock: changes of one model then follow each other in number and in time.
    Instant now = clock.instant();
    boolean created = model == null;
    Map<String, Object> before = null;
    if (created) {
      model = new Model(id, definition.family(), definition.name(), definition.gpu(), utc(now));
      em.persist(model);
      em.persist(new ModelPrice(id, 1, Json.write(pricing), failedCalls, utc(now), utc(now)));
    } else {
      if (!model.family().equals(definition.family())) {
        throw BillingException.invalid(
            "family",
            "model " + id + " belongs to family " + model.family() + "; its family cannot change");
      }
      Optional<PriceBook.Version> current = book.fresh(id, "id").latestAt(now);
      before =
          saved(
              model,
              current.map(PriceBook.Version::pricing).orElse(null),
              current.map(PriceBook.Version::failedCalls).orElse(null));
      model.rename(definition.name(), definition.gpu(), utc(now));
      boolean changed =
          current
              .map(
                  v ->
                      !v.pricing().equals(pricing) || !Objects.equals(v.failedCalls(), failedCalls))
              .orElse(true);
      if (changed) {
        em.persist(
            new ModelPrice(
                id, nextVersion(id), Json.write(pricing), failedCalls, utc(now), utc(now)));
      }
    }
    flush(id);
    Map<String, Object> after = saved(model, pricing, failedCalls);
    if (!after.equals(before)) {
      audit.record(new Change(AuditAction.MODEL_SAVED, id, null, before, after, null));
    }
    forgetAfterCompletion(id);
    return new DefinedModel(view(book.fresh(id, "id")), created);
  }

  /** Schedules a new price version from {@code effectiveFrom}. */
  @Override
  public ModelView changePrice(
      String id, Map<String, Object> sheet, FailedCallPrice failed, Instant effectiveFrom) {
    Model model = em.find(Model.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (model == null) {
      throw new BillingException(ErrorCode.MODEL_NOT_FOUND, "no model " + id);
    }
    validate(model.family(), id, sheet);
    Instant now = clock.instant();
    if (effectiveFrom.isBefore(now.minus(CLOCK_SKEW))) {
      throw BillingException.invalid(
          "effectiveFrom",
          "effectiveFrom must not be in the past: calls already priced keep their price");
    }
    Optional<PriceBook.Version> current = book.fresh(id, "id").latestAt(now);
    int version = nextVersion(id);
    Map<String, Object> pricing = normalized(sheet);
    FailedCallPrice failedCalls = normalized(failed);
    em.persist(
        new ModelPrice(
            id, version, Json.write(pricing), failedCalls, utc(effectiveFrom), utc(now)));
    flush(id);
    audit.record(
        new Change(
            AuditAction.PRICE_CHANGED,
            id,
            null,
            current.map(Catalog::price).orElse(null),
            price(new PriceBook.Version(version, pricing, effectiveFrom, failedCalls)),
            null));
    forgetAfterCompletion(id);
    return view(book.fresh(id, "id"));
  }

  @Override
  public List<ModelView> list() {
    return em
        .createQuery("SELECT m.id FROM Model m ORDER BY m.id", String.class)
        .getResultList()
        .stream()
        .map(this::view)
        .toList();
  }

  /**
   * The model with the price in force now and the versions scheduled after it. A model whose first
   * price has not started yet shows no current price, only its schedule.
   */
  @Override
  public ModelView view(String id) {
    return view(book.prices(id, "id"));
  }

  /**
   * The model as {@code prices} say. A change answers from prices read fresh, since this server's
   * cache forgets the model only once the change commits.
   */
  private ModelView view(PriceBook.Prices prices) {
    Instant now = clock.instant();
    Model model = prices.model();
    Optional<PriceBook.Version> current = prices.latestAt(now);
    List<ModelView.PriceVersionView> scheduled =
        prices.versions().stream()
            .filter(version -> version.effectiveFrom().isAfter(now))
            .map(
                version ->
                    new ModelView.PriceVersionView(
                        version.number(),
                        version.pricing(),
                        version.effectiveFrom().toString(),
                        view(version.failedCalls())))
            .toList();
    return new ModelView(
        model.id(),
        model.family(),
        model.name(),
        model.gpu(),
        current.map(PriceBook.Version::pricing).orElse(null),
        current.map(PriceBook.Version::number).orElse(0),
        current.map(version -> version.effectiveFrom().toString()).orElse(null),
        scheduled,
        descriptions.describe(
            model.family(), model.id(), current.map(PriceBook.Version::pricing).orElse(null)),
        current.map(PriceBook.Version::failedCalls).map(Catalog::view).orElse(null));
  }

  private static Map<String, String> view(FailedCallPrice failedCalls) {
    return failedCalls == null ? null : failedCalls.toMap();
  }

  @Override
  public List<PluginView> plugins() {
    return plugins.list();
  }

  /** A plugin that fails checking a sheet, rather than refusing it, is counted as it is pricing. */
  private void validate(String family, String modelId, Map<String, Object> sheet) {
    PluginLoader.Loaded loaded =
        plugins
            .forFamily(family)
            .orElseThrow(
                () ->
                    new BillingException(
                        ErrorCode.UNKNOWN_FAMILY,
                        "no pricing plugin prices family '" + family + "'",
                        "family"));
    try {
      loaded.plugin().validate(Sheets.toSheet(sheet));
    } catch (PricingException invalid) {
      throw new BillingException(
          ErrorCode.INVALID_PRICE_SHEET, invalid.getMessage(), invalid.field());
    } catch (Throwable broken) {
      throw failures.thrown(loaded.plugin().id(), modelId, broken);
    }
  }

  /**
   * Writes now, so that two requests creating the same model at once (there is nothing to lock yet)
   * end in a 409 to retry rather than a 500.
   */
  private void flush(String modelId) {
    try {
      em.flush();
    } catch (PersistenceException concurrent) {
      throw new BillingException(
          ErrorCode.CONFLICT, "model " + modelId + " was changed at the same time; try again");
    }
  }

  /**
   * Every member's price book forgets the model once this transaction has ended, before the change
   * answers: forgetting it before the commit would let another request cache the old prices again.
   */
  private void forgetAfterCompletion(String modelId) {
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            book.changed(modelId);
          }
        });
  }

  /** A model as the audit records it. */
  private static Map<String, Object> saved(
      Model model, Map<String, Object> pricing, FailedCallPrice failedCalls) {
    return withFailedCalls(
        Change.state(
            "family", model.family(), "name", model.name(), "gpu", model.gpu(), "pricing", pricing),
        failedCalls);
  }

  /** A price version as the audit records it. */
  private static Map<String, Object> price(PriceBook.Version version) {
    return withFailedCalls(
        Change.state(
            "version",
            version.number(),
            "pricing",
            version.pricing(),
            "effectiveFrom",
            version.effectiveFrom().toString()),
        version.failedCalls());
  }

  /** Only a version that charges failed calls says so, so older audit states read as before. */
  private static Map<String, Object> withFailedCalls(
      Map<String, Object> state, FailedCallPrice failedCalls) {
    if (failedCalls != null) {
      state.put("failedCalls", failedCalls.toMap());
    }
    return state;
  }

  private int nextVersion(String modelId) {
    Integer max =
        em.createQuery(
                "SELECT MAX(p.version) FROM ModelPrice p WHERE p.modelId = :model", Integer.class)
            .setParameter("model", modelId)
            .getSingleResult();
    return Objects.requireNonNullElse(max, 0) + 1;
  }

  /** No minimum and no share is no rule: stored as none. */
  private static FailedCallPrice normalized(FailedCallPrice failedCalls) {
    return failedCalls == null || (failedCalls.minimum() == null && failedCalls.share() == null)
        ? null
        : failedCalls;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> normalized(Map<String, Object> sheet) {
    return (Map<String, Object>) Sheets.normalize(sheet);
  }
}
