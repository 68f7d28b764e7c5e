package io.tally.billing.platform;

import io.tally.billing.api.PluginView;
import io.tally.billing.pricing.PluginRegistry;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness for {@code /health}: the database answers, and the pricing plugins loaded cleanly. */
@ApplicationScoped
public class HealthChecks {

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  @Inject PluginRegistry plugins;

  /**
   * DOWN while no connection can be had or it does not answer a ping. Bounded: the pool's wait and
   * the driver's connect timeout (datasource.asadmin) and the ping's own 2 s; UP again by itself,
   * as the pool drops dead connections and opens new ones.
   */
  @Produces
  @Readiness
  HealthCheck database() {
    return () -> {
      try (Connection connection = dataSource.getConnection()) {
        return HealthCheckResponse.named("database").status(connection.isValid(2)).build();
      } catch (SQLException | RuntimeException e) {
        return HealthCheckResponse.named("database")
            .down()
            .withData("error", e.getMessage())
            .build();
      }
    };
  }

  /**
   * DOWN for a broken class path (a build error) or no plugin at all. A refused directory jar is
   * only reported: the version it would have replaced keeps serving, so the member still prices.
   */
  @Produces
  @Readiness
  HealthCheck pricingPlugins() {
    return () -> {
      long serving =
          plugins.list().stream().filter(p -> !PluginView.REFUSED.equals(p.state())).count();
      return HealthCheckResponse.named("pricing-plugins")
          .status(!plugins.classPathBroken() && serving > 0)
          .withData("loaded", serving)
          .withData("problems", String.join("; ", plugins.problems()))
          .build();
    };
  }
}
