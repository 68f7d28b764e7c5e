package io.tally.billing.platform;

import io.tally.billing.api.PluginView;
import io.tally.billing.health.Engine;
import io.tally.billing.health.HealthChecks;
import io.tally.billing.pricing.PluginRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Gives the health checks (billing-health) their view of the engine once the migrations ran. The
 * checks live in a library jar of their own, which cannot look up the engine's beans (in tally.ear
 * a library sees no module), so the engine hands itself over; docs/deploy.md says why they live
 * there.
 */
@Startup
@Singleton
@DependsOn("Migrations")
public class EngineHealth {

  @Inject HealthChecks checks;
  @Inject Migrations migrations;
  @Inject PluginRegistry plugins;

  @PostConstruct
  void attach() {
    checks.attach(new View(migrations, plugins));
  }

  /** The engine through its singletons' proxies, callable from the server's probe threads. */
  private record View(Migrations migrations, PluginRegistry registry) implements Engine {

    @Override
    public DataSource dataSource() {
      return migrations.dataSource();
    }

    @Override
    public String migrationTable() {
      return Migrations.HISTORY_TABLE;
    }

    @Override
    public Optional<MigrationVersion> newestMigration() {
      return migrations.newest();
    }

    @Override
    public List<PluginView> plugins() {
      return registry.list();
    }

    @Override
    public boolean pluginClassPathBroken() {
      return registry.classPathBroken();
    }

    @Override
    public List<String> pluginProblems() {
      return registry.problems();
    }
  }
}
