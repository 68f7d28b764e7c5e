package io.tally.billing.web;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;

/**
 * Tally's one database. URL, user and password come from MicroProfile Config (system property or
 * environment variable: {@code tally.db.url} or {@code TALLY_DB_URL}); the defaults after ':' apply
 * when nothing is set, because the pool is created before the application's own config file is
 * read. {@link io.tally.billing.platform.MariaDbLocalDataSource} gives a local-transaction pool:
 * Tally uses one resource per transaction and needs no XA. The annotation takes pool sizes as
 * numbers only, so they are fixed here (see the README's known issues).
 */
@ApplicationScoped
@DataSourceDefinition(
    name = "java:app/jdbc/tally",
    className = "io.tally.billing.platform.MariaDbLocalDataSource",
    url = "${MPCONFIG=tally.db.url:jdbc:mariadb://127.0.0.1:3306/tally}",
    user = "${MPCONFIG=tally.db.user:tally}",
    password = "${MPCONFIG=tally.db.password:}",
    transactional = true,
    isolationLevel = Connection.TRANSACTION_READ_COMMITTED,
    initialPoolSize = 8,
    minPoolSize = 8,
    maxPoolSize = 64)
public class DataSourceConfig {}
