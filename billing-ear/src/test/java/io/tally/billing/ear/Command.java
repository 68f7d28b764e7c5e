package io.tally.billing.ear;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An admin's command line (asadmin, jboss-cli, a start script), run the way a shell would, its
 * output appended to a log file the failure message points at.
 */
record Command(Path log, Map<String, String> environment) {

  /** Runs {@code command} to its end, within {@code within}; fails unless it exits with 0. */
  void run(Duration within, String... command) {
    Process process = start(command);
    try {
      if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new AssertionError("not done within " + within + ": " + String.join(" ", command));
      }
      if (process.exitValue() != 0) {
        throw new AssertionError(
            "exit "
                + process.exitValue()
                + ": "
                + String.join(" ", command)
                + " (see "
                + log
                + ")");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Starts {@code command} and leaves it running. */
  Process start(String... command) {
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(
          log,
          "\n$ " + String.join(" ", command) + "\n",
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      ProcessBuilder builder =
          new ProcessBuilder(List.of(command))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      builder.environment().putAll(environment);
      return builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command[0], e);
    }
  }
}
