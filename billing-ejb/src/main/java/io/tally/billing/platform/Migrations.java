package io.tally.billing.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Brings the schema up to date before anything else touches the database. Bean-managed
 * transactions: Flyway commits each migration itself, which a container transaction would forbid.
 */
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
@Lock(LockType.READ)
public class Migrations {

  /** Flyway's own table: the health check reads the applied version there, without a scan. */
  public static final String HISTORY_TABLE = "flyway_schema_history";

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  private volatile MigrationVersion newest;

  @PostConstruct
  void migrate() {
    Flyway flyway =
        Flyway.configure(Migrations.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .table(HISTORY_TABLE)
            .load();
    flyway.migrate();
    // Resolved: shipped in this build; a newer instance's migrations in the table are not.
    newest =
        Arrays.stream(flyway.info().all())
            .filter(info -> info.getState().isResolved())
            .map(MigrationInfo::getVersion)
            .filter(Objects::nonNull)
            .max(Comparator.naturalOrder())
            .orElse(MigrationVersion.EMPTY);
  }

  /**
   * The data source as this singleton resolved it, on the application's thread, when it started:
   * for callers that cannot look the name up themselves (the health checks: {@link
   * io.tally.billing.health.Engine#dataSource()} says why).
   */
  public DataSource dataSource() {
    return dataSource;
  }

  /** The newest migration this build ships; empty until the migrations have run. */
  public Optional<MigrationVersion> newest() {
    return Optional.ofNullable(newest);
  }
}
