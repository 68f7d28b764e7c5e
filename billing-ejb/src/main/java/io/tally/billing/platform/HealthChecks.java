package io.tally.billing.platform;

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

  @Produces
  @Readiness
  HealthCheck pricingPlugins() {
    return () ->
        HealthCheckResponse.named("pricing-plugins")
            .status(plugins.problems().isEmpty() && !plugins.list().isEmpty())
            .withData("loaded", plugins.list().size())
            .withData("problems", String.join("; ", plugins.problems()))
            .build();
  }
}
