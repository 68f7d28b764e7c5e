import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A raw keep-alive HTTP/1.1 client: one socket per connection, each request written as one array of
 * bytes, the answer read by parsing the status line, the headers and a {@code Content-Length} or
 * chunked body. {@code java.net.http} costs about 1.5 ms of client CPU per request on this kind of
 * machine, a quarter of a core at 650 requests/s, which the server then does not get; this costs a
 * few tens of microseconds. No pipelining: one request in flight per connection.
 */
final class Http {

  private static final byte[] CRLF = {'\r', '\n'};

  private final String host;
  private final int port;
  private final byte[] headers;

  /** {@code base} is {@code http://host:port}; every request carries the bearer key. */
  Http(String base, String key) {
    URI uri = URI.create(base);
    this.host = uri.getHost();
    this.port = uri.getPort() < 0 ? 80 : uri.getPort();
    this.headers =
        ascii(
            " HTTP/1.1\r\nHost: "
                + host
                + ":"
                + port
                + "\r\nAuthorization: Bearer "
                + key
                + "\r\nAccept: application/json\r\n");
  }

  Connection connect() {
    return new Connection();
  }

  /** The bytes of a GET; built once, sent as often as wanted. */
  byte[] get(String path) {
    return request("GET", path, null, null);
  }

  byte[] post(String path, String json) {
    return request("POST", path, json, null);
  }

  byte[] post(String path, String json, String idempotencyKey) {
    return request("POST", path, json, idempotencyKey);
  }

  byte[] put(String path, String json) {
    return request("PUT", path, json, null);
  }

  private byte[] request(String method, String path, String json, String idempotencyKey) {
    byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
    StringBuilder extra = new StringBuilder(96);
    if (idempotencyKey != null) {
      extra.append("Idempotency-Key: ").append(idempotencyKey).append("\r\n");
    }
    if (json != null) {
      extra.append("Content-Type: application/json\r\nContent-Length: ").append(body.length);
      extra.append("\r\n");
    }
    byte[] start = ascii(method + " " + path);
    byte[] more = ascii(extra.toString());
    byte[] out = new byte[start.length + headers.length + more.length + 2 + body.length];
    int at = 0;
    for (byte[] part : new byte[][] {start, headers, more, CRLF, body}) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** An answer: status and body (UTF-8). */
  record Answer(int status, String body) {}

  /**
   * One keep-alive connection, opened on first use and again after the server closed it ({@code
   * Connection: close}, or a body delimited by the end of the stream). Not thread-safe: one client
   * owns it.
   */
  final class Connection implements AutoCloseable {
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] buf = new byte[16 * 1024];
    private int pos;
    private int limit;
    private byte[] body = new byte[16 * 1024];
    private boolean closeAfter;

    /** Sends one request and reads its answer. */
    Answer send(byte[] request) throws IOException {
      if (socket == null) {
        open();
      }
      try {
        out.write(request);
        out.flush();
        return read();
      } catch (IOException e) {
        close();
        throw e;
      } finally {
        if (closeAfter) {
          close();
        }
      }
    }

    private void open() throws IOException {
      Socket s = new Socket();
      s.setTcpNoDelay(true);
      s.setSoTimeout(60_000);
      s.connect(new InetSocketAddress(host, port), 10_000);
      socket = s;
      in = s.getInputStream();
      out = s.getOutputStream();
      pos = 0;
      limit = 0;
      closeAfter = false;
    }

    @Override
    public void close() {
      if (socket != null) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing: nothing left to do with it
        }
      }
      socket = null;
    }

    private Answer read() throws IOException {
      String statusLine = line();
      if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) {
        throw new IOException("not an HTTP answer: " + statusLine);
      }
      int status = Integer.parseInt(statusLine.substring(9, 12));
      long length = -1;
      boolean chunked = false;
      closeAfter = statusLine.startsWith("HTTP/1.0");
      for (String h = line(); !h.isEmpty(); h = line()) {
        int colon = h.indexOf(':');
        if (colon < 0) {
          continue;
        }
        String name = h.substring(0, colon).trim();
        String value = h.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("Content-Length")) {
          length = Long.parseLong(value);
        } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
          chunked = value.toLowerCase().contains("chunked");
        } else if (name.equalsIgnoreCase("Connection")) {
          closeAfter |= value.equalsIgnoreCase("close");
        }
      }
      int n;
      if (status == 204 || status == 304 || (status >= 100 && status < 200)) {
        n = 0;
      } else if (chunked) {
        n = chunkedBody();
      } else if (length >= 0) {
        n = fixedBody((int) length);
      } else {
        n = bodyToEnd();
      }
      return new Answer(status, new String(body, 0, n, StandardCharsets.UTF_8));
    }

    private int fixedBody(int length) throws IOException {
      ensureBody(length);
      readFully(0, length);
      return length;
    }

    private int chunkedBody() throws IOException {
      int n = 0;
      while (true) {
        String sizeLine = line();
        int semicolon = sizeLine.indexOf(';');
        int size =
            Integer.parseInt(
                (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
        if (size == 0) {
          while (!line().isEmpty()) {
            // trailers: none expected, skipped
          }
          return n;
        }
        ensureBody(n + size);
        readFully(n, size);
        n += size;
        line(); // the CRLF after the chunk
      }
    }

    private int bodyToEnd() throws IOException {
      closeAfter = true;
      int n = 0;
      while (true) {
        if (pos == limit && !fill()) {
          return n;
        }
        int k = limit - pos;
        ensureBody(n + k);
        System.arraycopy(buf, pos, body, n, k);
        pos += k;
        n += k;
      }
    }

    private void ensureBody(int size) {
      if (body.length < size) {
        body = Arrays.copyOf(body, Math.max(size, body.length * 2));
      }
    }

    private void readFully(int at, int length) throws IOException {
      int done = 0;
      while (done < length) {
        if (pos == limit && !fill()) {
          throw new EOFException("connection closed inside a body");
        }
        int k = Math.min(limit - pos, length - done);
        System.arraycopy(buf, pos, body, at + done, k);
        pos += k;
        done += k;
      }
    }

    /** A header line without its CRLF (ISO-8859-1, as HTTP headers are). */
    private String line() throws IOException {
      StringBuilder b = null;
      while (true) {
        if (pos == limit && !fill()) {
          throw new EOFException("connection closed by the server");
        }
        for (int i = pos; i < limit; i++) {
          if (buf[i] == '\n') {
            int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
            String part = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
            pos = i + 1;
            if (b == null) {
              return part;
            }
            String all = b.append(part).toString();
            return all.endsWith("\r") ? all.substring(0, all.length() - 1) : all;
          }
        }
        if (b == null) {
          b = new StringBuilder();
        }
        b.append(new String(buf, pos, limit - pos, StandardCharsets.ISO_8859_1));
        pos = limit;
      }
    }

    private boolean fill() throws IOException {
      int k = in.read(buf, 0, buf.length);
      if (k <= 0) {
        return false;
      }
      pos = 0;
      limit = k;
      return true;
    }
  }
}
