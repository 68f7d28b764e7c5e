package io.tally.billing.web;

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
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

/**
 * ClusterIT's two Payara Micro members (child JVMs) of one Hazelcast data grid on loopback, with
 * the test WAR (the movable clock included), on a database of their own in the build's MariaDB.
 * Member A's grid listens on {@code it.cluster.port + 10}; B is told the same address and takes the
 * next port. Everything lives under {@code target/cluster/}: each member's log and root.
 */
final class ClusterStack implements AutoCloseable {

  static final String DATABASE = "tally_cluster";
  static final int HOLD_TTL_SECONDS = 2;

  private static final int BASE_PORT = Integer.getInteger("it.cluster.port", 30300);
  private static final int DB_PORT = Integer.getInteger("it.db.port", 23406);
  private static final Duration MEMBER_START = Duration.ofSeconds(600);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Path dir = Path.of(System.getProperty("it.cluster.dir", "target/cluster"));
  private final List<Process> members = new ArrayList<>();

  /** The application's base URL on member {@code index} (0: A, 1: B). */
  static URL base(int index) {
    try {
      return URI.create("http://127.0.0.1:" + (BASE_PORT + index) + "/").toURL();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fresh database, the test WAR, then A and B, each healthy and both in one data grid. */
  void start() throws Exception {
    // A member's root keeps its deployments: one left by an earlier run would be deployed twice.
    deleteTree(dir.toFile());
    Files.createDirectories(dir);
    try (Connection sql = sql("");
        Statement statement = sql.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
      statement.execute("CREATE DATABASE " + DATABASE);
    }
    File war = dir.resolve("tally-test.war").toFile();
    Deployments.tally().as(ZipExporter.class).exportTo(war, true);
    // A's grid first, so that B joins it rather than forming a second grid to be merged later.
    Path logA = startMember(0, war);
    Poll.until(
        () -> {
          if (!members.get(0).isAlive()) {
            throw new AssertionError("Payara Micro exited; see " + logA);
          }
          return logContains(logA, "Data Grid Status");
        },
        MEMBER_START,
        "member A's data grid");
    Path logB = startMember(1, war);
    awaitHealthy(0, logA);
    awaitHealthy(1, logB);
    Poll.until(
        () -> logContains(logB, "DG Size: 2") || logContains(logA, "DG Size: 2"),
        MEMBER_START,
        "A and B in one data grid (" + logA + ", " + logB + ")");
  }

  /** A connection to the members' database, for what only SQL shows. */
  Connection sql() throws SQLException {
    return sql(DATABASE);
  }

  private static Connection sql(String database) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:mariadb://127.0.0.1:" + DB_PORT + "/" + database, "root", "");
  }

  private Path startMember(int index, File war) throws IOException {
    String name = index == 0 ? "a" : "b";
    Path tmp = dir.resolve("tmp-" + name);
    Files.createDirectories(tmp);
    int gridPort = BASE_PORT + 10;
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(
        List.of(
            "-Xmx640m",
            "-Djava.io.tmpdir=" + tmp,
            "-Dtally.db.url=jdbc:mariadb://127.0.0.1:" + DB_PORT + "/" + DATABASE,
            "-Dtally.db.user=root",
            "-Dtally.db.pool.max-size=16",
            "-Dtally.db.pool.min-size=2",
            "-Dtally.db.pool.max-wait-ms=60000",
            "-Dtally.db.lock-wait-timeout-seconds=50",
            "-Dtally.admin.key=" + Api.ADMIN_KEY,
            "-Dtally.mail.enabled=true",
            "-Dtally.mail.host=127.0.0.1",
            "-Dtally.mail.port=" + Integer.getInteger("it.smtp.port", 23525),
            "-Dtally.webhooks.allow-private-addresses=true",
            "-Dtally.holds.ttl-seconds=" + HOLD_TTL_SECONDS,
            // Every job wakes every second or two on both members, so both fire for each item.
            "-Dtally.jobs.hold-expiry.interval-seconds=1",
            "-Dtally.jobs.notifications.interval-seconds=1",
            "-Dtally.jobs.renewals.interval-seconds=1",
            "-Dtally.jobs.fine-tunes.interval-seconds=1",
            "-Dtally.jobs.invoices.interval-seconds=2",
            "-Dtally.jobs.recharge-sweep.interval-seconds=2",
            "-Dtally.jobs.invoice-payment-sweep.interval-seconds=2",
            "-jar",
            System.getProperty("payara.microJar", "target/payara-micro.jar"),
            "--port",
            Integer.toString(BASE_PORT + index),
            "--clustermode",
            "tcpip:127.0.0.1:" + gridPort,
            "--startport",
            Integer.toString(gridPort),
            "--interfaces",
            "127.0.0.1",
            "--clustername",
            "tally-cluster-it-" + BASE_PORT,
            "--rootdir",
            dir.resolve("payara-" + name).toString(),
            "--addlibs",
            System.getProperty("it.payara.libs", "target/payara-libs/mariadb-java-client.jar"),
            "--prebootcommandfile",
            System.getProperty("it.payara.listeners", "src/main/payara/listeners.asadmin"),
            "--postbootcommandfile",
            System.getProperty("it.payara.datasource", "src/main/payara/datasource.asadmin"),
            "--deploy",
            war.getAbsolutePath(),
            "--contextroot",
            "/"));
    Path log = dir.resolve("member-" + name + ".log");
    members.add(
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
            .start());
    return log;
  }

  private void awaitHealthy(int index, Path log) {
    Process member = members.get(index);
    Poll.until(
        () -> {
          if (!member.isAlive()) {
            throw new AssertionError("Payara Micro exited; see " + log);
          }
          return health(index) == 200;
        },
        MEMBER_START,
        "member " + index + " healthy (log: " + log + ")");
  }

  private static boolean logContains(Path log, String text) {
    try {
      return Files.exists(log) && Files.readString(log).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  private static int health(int index) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(base(index).toURI().resolve("health/ready"))
              .timeout(Duration.ofSeconds(30))
              .build();
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException | java.net.URISyntaxException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
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

  @Override
  public void close() {
    for (Process member : members) {
      member.descendants().forEach(ProcessHandle::destroyForcibly);
      member.destroyForcibly();
      member.onExit().join();
    }
  }
}
