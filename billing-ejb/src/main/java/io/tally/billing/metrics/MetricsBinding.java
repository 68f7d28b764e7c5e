package io.tally.billing.metrics;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Chooses, once, where the business figures go: MicroProfile Metrics where the server has it
 * (Payara Micro, Payara Server), nowhere elsewhere (WildFly 38 dropped it for Micrometer). An
 * {@code @Inject MetricRegistry} anywhere would fail the deployment there (WELD-001474), so the
 * registry is looked up only after its API was found; this class names none of its types.
 */
@ApplicationScoped
public class MetricsBinding {

  static final String API = "org.eclipse.microprofile.metrics.MetricRegistry";
  private static final Logger LOG = Logger.getLogger(MetricsBinding.class.getName());

  /**
   * Default-qualified: the registry selected through it is the application's, not base or vendor.
   */
  @Inject Instance<Object> beans;

  private BusinessMetrics chosen;

  @PostConstruct
  void choose() {
    BusinessMetrics found = null;
    if (available(MetricsBinding.class.getClassLoader())) {
      found = MicroProfileMetrics.from(beans);
    }
    if (found == null) {
      LOG.info(
          "This server has no MicroProfile Metrics ("
              + API
              + "): Tally's business metrics are not recorded; health and the ledger are unchanged");
      chosen = new NoMetrics();
    } else {
      LOG.info("Tally's business metrics: MicroProfile Metrics, application registry");
      chosen = found;
    }
  }

  /**
   * Dependent: each injection point holds the chosen object itself, so the charge path calls it
   * directly, through no client proxy.
   */
  @Produces
  BusinessMetrics metrics() {
    return chosen;
  }

  /**
   * Chosen with the application rather than at the first charge, so every refusal reason and
   * payment outcome is served at zero from the start, as alert rules expect.
   */
  void startWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object started) {
    // Being called created the bean; choose() did the work.
  }

  /** Whether the API can be loaded by {@code loader} (without initialising anything of it). */
  static boolean available(ClassLoader loader) {
    try {
      Class.forName(API, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError absent) {
      return false;
    }
  }
}
