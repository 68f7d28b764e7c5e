import java.io.*;
import java.net.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;

/**
 * What one call costs the server: drives one request shape over raw keep-alive HTTP/1.1 sockets
 * (a few microseconds of client CPU per call) and divides the server's CPU time (from
 * /proc/PID/stat) by the calls answered in the measured window.
 *
 * <p>java CallCost.java --base=http://127.0.0.1:8580 --key=K --pid=SERVER_PID --what=charge|read|authorize|unauthorized
 * [--clients=16] [--warmup=20] [--measure=20] [--accounts=64]
 */
public class CallCost {
  static final AtomicLong ok = new AtomicLong(), bad = new AtomicLong(), reconnects = new AtomicLong();
  static volatile boolean stop;
  static final AtomicLong seq = new AtomicLong();

  public static void main(String[] a) throws Exception {
    Map<String, String> o = new HashMap<>();
    for (String s : a) {
      String[] kv = s.replaceFirst("^--", "").split("=", 2);
      o.put(kv[0], kv.length > 1 ? kv[1] : "true");
    }
    URI base = URI.create(o.getOrDefault("base", "http://127.0.0.1:8580"));
    String key = o.get("key");
    long pid = Long.parseLong(o.get("pid"));
    String what = o.getOrDefault("what", "charge");
    int clients = Integer.parseInt(o.getOrDefault("clients", "16"));
    int warm = Integer.parseInt(o.getOrDefault("warmup", "20"));
    int measure = Integer.parseInt(o.getOrDefault("measure", "20"));
    int accounts = Integer.parseInt(o.getOrDefault("accounts", "64"));
    long firstAccount = Long.parseLong(o.getOrDefault("first-account", "1"));
    String run = Long.toString(System.nanoTime(), 36);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    for (int c = 0; c < clients; c++) {
      int client = c;
      pool.submit(
          () -> {
            // The server closes a keep-alive connection after its max-connections requests
            // (Payara: 250) with Connection: close; the client then opens another one.
            while (!stop) {
              try (Socket s = new Socket(base.getHost(), base.getPort())) {
                s.setTcpNoDelay(true);
                OutputStream out = new BufferedOutputStream(s.getOutputStream());
                InputStream in = new BufferedInputStream(s.getInputStream());
                boolean open = true;
                while (!stop && open) {
                  long account = firstAccount + (client % accounts);
                  byte[] req = request(what, base, key, account, run, client);
                  out.write(req);
                  out.flush();
                  int answer = read(in);
                  open = answer >= 0;
                  int status = Math.abs(answer);
                  if (status / 100 == 2 || (what.equals("unauthorized") && status == 401)) {
                    ok.incrementAndGet();
                  } else {
                    if (bad.incrementAndGet() < 5) System.err.println("status " + status);
                  }
                }
                if (!open) reconnects.incrementAndGet();
              } catch (IOException e) {
                if (!stop && bad.incrementAndGet() < 5) System.err.println(e);
              }
            }
            return null;
          });
    }
    Thread.sleep(warm * 1000L);
    long cpu0 = cpu(pid), n0 = ok.get(), t0 = System.nanoTime(), self0 = selfCpu();
    Thread.sleep(measure * 1000L);
    long cpu1 = cpu(pid), n1 = ok.get(), t1 = System.nanoTime(), self1 = selfCpu();
    stop = true;
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.SECONDS);
    double secs = (t1 - t0) / 1e9, calls = n1 - n0;
    double cpuMs = (cpu1 - cpu0) * 10.0;
    System.out.printf(
        Locale.ROOT,
        "%s clients=%d: %.0f calls/s, server %.0f%% cpu, %.3f ms server cpu per call; client %.3f ms/call; non-2xx %d; reconnects %d; load %s%n",
        what, clients, calls / secs, cpuMs / secs / 10, cpuMs / calls,
        (self1 - self0) * 10.0 / calls, bad.get(), reconnects.get(),
        Files.readString(Path.of("/proc/loadavg")).trim());
  }

  static byte[] request(String what, URI base, String key, long account, String run, int client) {
    String host = base.getHost() + ":" + base.getPort();
    String auth = what.equals("unauthorized") ? "" : "Authorization: Bearer " + key + "\r\n";
    String head, body = "";
    switch (what) {
      case "read", "unauthorized" -> head = "GET /api/v1/accounts/" + account + " HTTP/1.1\r\n";
      case "authorize" -> {
        head = "POST /api/v1/authorizations HTTP/1.1\r\n";
        body = "{\"accountId\":" + account + ",\"model\":\"bench-image\",\"durationMs\":1234}";
      }
      default -> {
        head = "POST /api/v1/usage HTTP/1.1\r\n";
        body =
            "{\"requestId\":\"c-" + run + "-" + seq.incrementAndGet()
                + "\",\"accountId\":" + account + ",\"model\":\"bench-image\",\"durationMs\":1234}";
      }
    }
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    String h =
        head + "Host: " + host + "\r\n" + auth
            + (b.length > 0 ? "Content-Type: application/json\r\nContent-Length: " + b.length + "\r\n" : "")
            + "\r\n";
    byte[] hb = h.getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = Arrays.copyOf(hb, hb.length + b.length);
    System.arraycopy(b, 0, all, hb.length, b.length);
    return all;
  }

  /** Reads one response; returns its status, negated when the server closes the connection. */
  static int read(InputStream in) throws IOException {
    String status = line(in);
    int code = Integer.parseInt(status.split(" ")[1]);
    int length = -1;
    boolean chunked = false, close = false;
    for (String l; !(l = line(in)).isEmpty(); ) {
      String lower = l.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) length = Integer.parseInt(l.substring(15).trim());
      if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) chunked = true;
      if (lower.startsWith("connection:") && lower.contains("close")) close = true;
    }
    if (chunked) {
      for (int n; (n = Integer.parseInt(line(in).split(";")[0].trim(), 16)) > 0; ) {
        in.skipNBytes(n);
        line(in);
      }
      line(in);
    } else if (length > 0) {
      in.skipNBytes(length);
    }
    return close ? -code : code;
  }

  static String line(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int c; (c = in.read()) != '\n'; ) {
      if (c < 0) throw new EOFException();
      if (c != '\r') sb.append((char) c);
    }
    return sb.toString();
  }

  static long cpu(long pid) throws IOException {
    String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  static long selfCpu() throws IOException {
    return cpu(ProcessHandle.current().pid());
  }
}
