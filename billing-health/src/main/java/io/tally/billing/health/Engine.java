package io.tally.billing.health;

import io.tally.billing.api.PluginView;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationVersion;

/**
 * What the health checks read from the engine. The engine (billing-ejb) hands its implementation to
 * {@link HealthChecks#attach} as it starts: in tally.ear this jar is a library, whose classes and
 * beans cannot see the EJB module's.
 */
public interface Engine {

  /**
   * The application's data source, as resolved on the application's thread at start: Payara Server
   * creates health check beans before {@code java:app} names are bound, and Payara Micro runs the
   * probes on a thread of its own, where they are not found.
   */
  DataSource dataSource();

  /** Flyway's history table, where the applied schema version is read without a scan. */
  String migrationTable();

  /** The newest migration this build ships; empty until the migrations have run. */
  Optional<MigrationVersion> newestMigration();

  /** Every plugin and refused jar. */
  List<PluginView> plugins();

  /** Whether a class-path plugin failed to load (a build error). */
  boolean pluginClassPathBroken();

  /** What went wrong while loading plugins, one line each. */
  List<String> pluginProblems();
}
