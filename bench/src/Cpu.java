import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * CPU used over a window by the server, the database and this process (the load generator or the
 * ceiling's JDBC client), and by the whole machine; 100 % = one core. What the machine used beyond
 * these three is {@code other}: another job sharing the cores.
 */
record Cpu(double server, double db, double self, double machine, double seconds) {

  static final int CORES = Runtime.getRuntime().availableProcessors();

  /** Cumulative CPU seconds of each process, and the machine's busy and total ticks. */
  record Sample(long nanos, double server, double db, double self, double busy, double total) {
    static Sample take(long serverPid, long dbPid) {
      double[] m = machineTicks();
      return new Sample(
          System.nanoTime(), seconds(serverPid), seconds(dbPid), selfSeconds(), m[0], m[1]);
    }
  }

  static Cpu between(Sample a, Sample b) {
    double wall = (b.nanos() - a.nanos()) / 1e9;
    return new Cpu(
        100 * (b.server() - a.server()) / wall,
        100 * (b.db() - a.db()) / wall,
        100 * (b.self() - a.self()) / wall,
        100 * CORES * (b.busy() - a.busy()) / (b.total() - a.total()),
        wall);
  }

  double other() {
    double known = (Double.isNaN(server) ? 0 : server) + (Double.isNaN(db) ? 0 : db) + self;
    return Math.max(0, machine - known);
  }

  /** CPU microseconds this process spent per request over the window. */
  double selfMicrosPer(long requests) {
    return requests == 0 ? Double.NaN : self / 100 * seconds * 1e6 / requests;
  }

  String format(String selfName) {
    return String.format(
        Locale.ROOT,
        "cpu: server %.0f%%, db %.0f%%, %s %.0f%%, other %.0f%% (100%% = one core; machine %.0f%%"
            + " of %d00%%)",
        server,
        db,
        selfName,
        self,
        other(),
        machine,
        CORES);
  }

  /** Resident memory of a process (VmRSS of /proc/pid/status) in MiB, or NaN. */
  static double rssMiB(long pid) {
    if (pid <= 0) {
      return Double.NaN;
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process is gone: NaN says so
    }
    return Double.NaN;
  }

  /** utime + stime of a process in seconds (clock ticks of USER_HZ, 100 on Linux), or NaN. */
  private static double seconds(long pid) {
    if (pid <= 0) {
      return Double.NaN;
    }
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static double selfSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e9;
  }

  /** Busy and total ticks of all CPUs from /proc/stat (idle and iowait are not busy). */
  private static double[] machineTicks() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      double total = 0;
      for (int i = 1; i < Math.min(f.length, 9); i++) {
        total += Long.parseLong(f[i]);
      }
      return new double[] {total - Long.parseLong(f[4]) - Long.parseLong(f[5]), total};
    } catch (IOException | RuntimeException e) {
      return new double[] {Double.NaN, Double.NaN};
    }
  }
}
