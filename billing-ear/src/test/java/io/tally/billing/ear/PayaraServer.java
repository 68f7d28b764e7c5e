package io.tally.billing.ear;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Payara Server, unpacked by the build, set up the way its admins do it (docs/deploy.md): a new
 * domain whose every port follows one port base, the driver in the domain's lib/, the domain
 * started with Tally's environment, the committed asadmin script, and the EAR deployed. Stopped
 * with stop-domain; when that fails, the domain's own process is ended by the pid it wrote.
 */
final class PayaraServer implements FullServer {

  private static final String DOMAIN = "tally";

  private final Path home = Path.of(System.getProperty("it.payara.home"));
  private final Path domain = home.resolve("glassfish/domains").resolve(DOMAIN);
  private final int portBase = Integer.getInteger("it.payara.portbase");
  private final Command shell;
  private final Path passwordFile;
  private boolean started;

  PayaraServer(Map<String, String> environment) {
    Path logs = Path.of(System.getProperty("it.logs"));
    this.shell = new Command(logs.resolve("payara-server.log"), environment);
    this.passwordFile = logs.resolve("payara-admin-password");
  }

  @Override
  public URI start() throws Exception {
    // The admin user of a new domain has no password; asadmin still reads it from a file.
    Files.createDirectories(passwordFile.getParent());
    Files.writeString(passwordFile, "AS_ADMIN_PASSWORD=\n");
    step(
        "create-domain",
        Duration.ofMinutes(4),
        "create-domain",
        "--nopassword=true",
        "--portbase",
        String.valueOf(portBase),
        DOMAIN);
    Files.copy(
        Path.of(System.getProperty("it.driver")),
        domain.resolve("lib/mariadb-java-client.jar"),
        StandardCopyOption.REPLACE_EXISTING);
    started = true;
    step("start-domain", Duration.ofMinutes(5), "start-domain", DOMAIN);
    step(
        "tally.asadmin",
        Duration.ofMinutes(4),
        "--port",
        adminPort(),
        "multimode",
        "--file",
        System.getProperty("it.payara.script"));
    step(
        "deploy",
        Duration.ofMinutes(5),
        "--port",
        adminPort(),
        "deploy",
        "--name",
        DOMAIN,
        System.getProperty("it.ear"));
    return URI.create("http://127.0.0.1:" + (portBase + 80) + "/");
  }

  @Override
  public String name() {
    return home.getFileName() + " (Payara Server, domain " + DOMAIN + ")";
  }

  @Override
  public void close() throws Exception {
    if (!started) {
      return;
    }
    Optional<ProcessHandle> process = domainProcess();
    try {
      step("stop-domain", Duration.ofMinutes(2), "stop-domain", DOMAIN);
    } catch (AssertionError | RuntimeException notStopped) {
      process.ifPresent(ProcessHandle::destroyForcibly);
      throw notStopped;
    }
  }

  /** One asadmin command as the admin runs it; its time goes to the build's output. */
  private void step(String what, Duration within, String... arguments) {
    String[] command = new String[arguments.length + 5];
    command[0] = home.resolve("bin/asadmin").toString();
    command[1] = "--user";
    command[2] = "admin";
    command[3] = "--passwordfile";
    command[4] = passwordFile.toString();
    System.arraycopy(arguments, 0, command, 5, arguments.length);
    Instant begun = Instant.now();
    shell.run(within, command);
    System.out.printf(
        "Payara Server: %s took %d s%n", what, Duration.between(begun, Instant.now()).toSeconds());
  }

  private String adminPort() {
    return String.valueOf(portBase + 48);
  }

  /** The domain's server process, by the pid file the running domain keeps. */
  private Optional<ProcessHandle> domainProcess() {
    try {
      String pid = Files.readString(domain.resolve("config/pid")).trim();
      return ProcessHandle.of(Long.parseLong(pid));
    } catch (IOException | NumberFormatException notRunning) {
      return Optional.empty();
    }
  }
}
