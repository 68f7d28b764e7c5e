package io.tally.billing.ear;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * WildFly, unpacked by the build, set up by the committed jboss-cli script the way an admin runs it
 * (docs/deploy.md), started once with tally.ear, and shut down through its management interface.
 * Every port comes from the build (billing-ear/pom.xml), all in the range kept for these tests.
 */
final class WildFly implements FullServer {

  private final Path home = Path.of(System.getProperty("it.wildfly.home"));
  private final String managementPort = System.getProperty("it.wildfly.management.http.port");
  private final Command shell;
  private Process server;

  WildFly(Map<String, String> environment) {
    Path logs = Path.of(System.getProperty("it.logs"));
    this.shell = new Command(logs.resolve("wildfly.log"), environment);
  }

  @Override
  public URI start() throws Exception {
    Path properties = Files.createTempFile("tally-cli", ".properties");
    Files.writeString(
        properties,
        "tally.driver="
            + System.getProperty("it.driver")
            + "\ntally.eclipselink="
            + System.getProperty("it.eclipselink")
            + "\ntally.ear="
            + System.getProperty("it.ear")
            + "\n");
    shell.run(
        Duration.ofMinutes(5),
        home.resolve("bin/jboss-cli.sh").toString(),
        "--file=" + System.getProperty("it.wildfly.script"),
        "--properties=" + properties);
    server =
        shell.start(
            home.resolve("bin/standalone.sh").toString(),
            "-b",
            "127.0.0.1",
            "-bmanagement",
            "127.0.0.1",
            port("jboss.http.port", "it.wildfly.http.port"),
            port("jboss.https.port", "it.wildfly.https.port"),
            port("jboss.ajp.port", "it.wildfly.ajp.port"),
            port("jboss.management.http.port", "it.wildfly.management.http.port"),
            port("jboss.management.https.port", "it.wildfly.management.https.port"),
            port("jboss.txn.recovery.port", "it.wildfly.txn.recovery.port"),
            port("jboss.txn.status.port", "it.wildfly.txn.status.port"));
    return URI.create("http://127.0.0.1:" + System.getProperty("it.wildfly.http.port") + "/");
  }

  @Override
  public String name() {
    return home.getFileName().toString();
  }

  @Override
  public void close() throws Exception {
    if (server == null) {
      return;
    }
    try {
      shell.run(
          Duration.ofMinutes(2),
          home.resolve("bin/jboss-cli.sh").toString(),
          "--controller=127.0.0.1:" + managementPort,
          "--connect",
          "--command=:shutdown");
    } finally {
      if (!server.waitFor(2, TimeUnit.MINUTES)) {
        server.descendants().forEach(ProcessHandle::destroyForcibly);
        server.destroyForcibly();
      }
    }
  }

  private static String port(String property, String buildProperty) {
    return "-D" + property + "=" + System.getProperty(buildProperty);
  }
}
