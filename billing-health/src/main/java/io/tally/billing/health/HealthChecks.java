package io.tally.billing.health;

import io.tally.billing.api.PluginView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
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
 * without getting them restarted. Until the engine has {@linkplain #attach attached} itself every
 * check here is DOWN: a member that has not started cannot serve.
 */
@ApplicationScoped
public class HealthChecks {

  private volatile Engine engine;

  /** The engine's view, given once as it starts (billing-ejb's {@code EngineHealth}). */
  public void attach(Engine started) {
    this.engine = started;
  }

  /**
   * DOWN while no connection can be had or it does not answer a ping. Bounded: the pool's wait and
   * the driver's connect timeout (the server's data source) and the ping's own 2 s; UP again by
   * itself, as the pool drops dead connections and opens new ones.
   */
  @Produces
  @Readiness
  HealthCheck database() {
    return () ->
        checked(
            "database",
            engine -> {
              long started = System.nanoTime();
              try (Connection connection = engine.dataSource().getConnection()) {
                boolean valid = connection.isValid(2);
                return HealthCheckResponse.named("database")
                    .status(valid)
                    .withData("pingMs", (System.nanoTime() - started) / 1_000_000)
                    .build();
              }
            });
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
    return () ->
        checked(
            "migrations",
            engine -> {
              Optional<MigrationVersion> newest = engine.newestMigration();
              String current = currentVersion(engine);
              boolean upToDate =
                  current != null
                      && newest.isPresent()
                      && MigrationVersion.fromVersion(current).compareTo(newest.get()) >= 0;
              return HealthCheckResponse.named("migrations")
                  .status(upToDate)
                  .withData("version", current == null ? "none" : current)
                  .withData(
                      "newest", newest.map(MigrationVersion::getVersion).orElse("not yet run"))
                  .build();
            });
  }

  /**
   * DOWN for a broken class path (a build error) or no plugin at all. A refused directory jar is
   * only reported: the version it would have replaced keeps serving, so the member still prices.
   */
  @Produces
  @Readiness
  HealthCheck pricingPlugins() {
    return () ->
        checked(
            "pricing-plugins",
            engine -> {
              List<PluginView> all = engine.plugins();
              long serving =
                  all.stream().filter(p -> !PluginView.REFUSED.equals(p.state())).count();
              List<String> refused =
                  all.stream()
                      .filter(p -> PluginView.REFUSED.equals(p.state()))
                      .map(PluginView::source)
                      .toList();
              return HealthCheckResponse.named("pricing-plugins")
                  .status(!engine.pluginClassPathBroken() && serving > 0)
                  .withData("loaded", serving)
                  .withData("refused", String.join(", ", refused))
                  .withData("problems", String.join("; ", engine.pluginProblems()))
                  .build();
            });
  }

  /**
   * UP once the schema migrations ran and the plugins were loaded: both happen in start-up
   * singletons, so a member answering UP here has done its one-time work.
   */
  @Produces
  @Startup
  HealthCheck started() {
    return () ->
        checked(
            "started",
            engine -> {
              Optional<MigrationVersion> newest = engine.newestMigration();
              return HealthCheckResponse.named("started")
                  .status(newest.isPresent())
                  .withData(
                      "schema", newest.map(MigrationVersion::getVersion).orElse("not yet migrated"))
                  .withData("plugins", engine.plugins().size())
                  .build();
            });
  }

  private static String currentVersion(Engine engine) throws SQLException {
    try (Connection connection = engine.dataSource().getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT version FROM "
                    + engine.migrationTable()
                    + " WHERE success = 1 AND version IS NOT NULL"
                    + " ORDER BY installed_rank DESC LIMIT 1")) {
      query.setQueryTimeout(2);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? row.getString(1) : null;
      }
    }
  }

  /** The check's answer, or DOWN with the reason: not started yet, or what failed. */
  private HealthCheckResponse checked(String name, Probe probe) {
    Engine attached = engine;
    if (attached == null) {
      return HealthCheckResponse.named(name)
          .down()
          .withData("error", "the engine has not started")
          .build();
    }
    try {
      return probe.apply(attached);
    } catch (SQLException | RuntimeException e) {
      return HealthCheckResponse.named(name)
          .down()
          .withData("error", String.valueOf(e.getMessage()))
          .build();
    }
  }

  /** One check's look at the engine; it may fail on the database. */
  @FunctionalInterface
  private interface Probe {
    HealthCheckResponse apply(Engine engine) throws SQLException;
  }
}
