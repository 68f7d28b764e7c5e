package io.tally.billing.platform;

import io.tally.billing.api.PluginView;
import io.tally.billing.pricing.PluginRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Readiness ({@code /health/ready}) and startup ({@code /health/started}): whether this member can
 * serve billing calls now, and whether it finished starting. Liveness is {@link JvmLiveness}: it
 * must not read the database, so an outage takes members out of the load balancer (readiness DOWN)
 * without getting them restarted.
 */
@ApplicationScoped
public class HealthChecks {

  private static final String CURRENT_VERSION =
      "SELECT version FROM "
          + Migrations.HISTORY_TABLE
          + " WHERE success = 1 AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1";

  @Inject PluginRegistry plugins;

  /**
   * Also the probes' way to the database ({@link Migrations#dataSource()}), never a data source of
   * this bean's own: Payara Server creates health check beans while it loads an EAR, before {@code
   * java:app} names are bound, and Payara Micro runs the probes on its own thread, where they are
   * not found. The singleton resolved the name once, on the application's thread, as it started.
   */
  @Inject Migrations migrations;

  /**
   * DOWN while no connection can be had or it does not answer a ping. Bounded: the pool's wait and
   * the driver's connect timeout (datasource.asadmin) and the ping's own 2 s; UP again by itself,
   * as the pool drops dead connections and opens new ones.
   */
  @Produces
  @Readiness
  HealthCheck database() {
    return () -> {
      long started = System.nanoTime();
      try (Connection connection = migrations.dataSource().getConnection()) {
        boolean valid = connection.isValid(2);
        return HealthCheckResponse.named("database")
            .status(valid)
            .withData("pingMs", (System.nanoTime() - started) / 1_000_000)
            .build();
      } catch (SQLException | RuntimeException e) {
        return down("database", e);
      }
    };
  }

  /**
   * UP when the schema is at or past the newest migration this build ships; DOWN when it is behind
   * (a failed migration). Past is a rolling upgrade: a newer member migrated first, and this older
   * member keeps serving until it is replaced, because a migration adds and never takes away what
   * the release before it reads.
   */
  @Produces
  @Readiness
  HealthCheck migrations() {
    return () -> {
      Optional<MigrationVersion> newest = migrations.newest();
      try (Connection connection = migrations.dataSource().getConnection();
          PreparedStatement query = connection.prepareStatement(CURRENT_VERSION)) {
        query.setQueryTimeout(2);
        String current = null;
        try (ResultSet row = query.executeQuery()) {
          if (row.next()) {
            current = row.getString(1);
          }
        }
        boolean upToDate =
            current != null
                && newest.isPresent()
                && MigrationVersion.fromVersion(current).compareTo(newest.get()) >= 0;
        return HealthCheckResponse.named("migrations")
            .status(upToDate)
            .withData("version", current == null ? "none" : current)
            .withData("newest", newest.map(MigrationVersion::getVersion).orElse("not yet run"))
            .build();
      } catch (SQLException | RuntimeException e) {
        return down("migrations", e);
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
      List<PluginView> all = plugins.list();
      long serving = all.stream().filter(p -> !PluginView.REFUSED.equals(p.state())).count();
      List<String> refused =
          all.stream()
              .filter(p -> PluginView.REFUSED.equals(p.state()))
              .map(PluginView::source)
              .toList();
      return HealthCheckResponse.named("pricing-plugins")
          .status(!plugins.classPathBroken() && serving > 0)
          .withData("loaded", serving)
          .withData("refused", String.join(", ", refused))
          .withData("problems", String.join("; ", plugins.problems()))
          .build();
    };
  }

  /**
   * UP once the schema migrations ran and the plugins were loaded: both happen in start-up
   * singletons, so a member answering UP here has done its one-time work.
   */
  @Produces
  @Startup
  HealthCheck started() {
    return () -> {
      Optional<MigrationVersion> newest = migrations.newest();
      return HealthCheckResponse.named("started")
          .status(newest.isPresent())
          .withData("schema", newest.map(MigrationVersion::getVersion).orElse("not yet migrated"))
          .withData("plugins", plugins.list().size())
          .build();
    };
  }

  private static HealthCheckResponse down(String name, Exception e) {
    return HealthCheckResponse.named(name)
        .down()
        .withData("error", String.valueOf(e.getMessage()))
        .build();
  }
}
