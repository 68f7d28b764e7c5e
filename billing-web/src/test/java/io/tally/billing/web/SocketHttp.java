package io.tally.billing.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, one connection per request ({@code Connection: close}), for
 * requests that {@code java.net.http.HttpClient} refuses to send: CR/LF in header values, raw
 * bytes, malformed percent-encoding. It also costs a fraction of HttpClient's CPU per request.
 */
final class SocketHttp {

  /**
   * An answer; status 0 when the server closed the connection without one. {@code head} is the
   * status line and the headers as sent.
   */
  record Answer(int status, String contentType, String body, String head) {

    /** Every value of a header, in the order sent. */
    List<String> header(String name) {
      String prefix = name.toLowerCase(Locale.ROOT) + ":";
      return head.lines()
          .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
          .map(line -> line.substring(prefix.length()).strip())
          .toList();
    }
  }

  private static final int MAX_ANSWER = 4 * 1024 * 1024;

  private final String host;
  private final int port;

  SocketHttp(String host, int port) {
    this.host = host;
    this.port = port;
  }

  Answer send(HostileRequests.Request request) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 10_000);
      socket.setSoTimeout(60_000);
      try {
        OutputStream out = socket.getOutputStream();
        out.write(head(request));
        out.write(request.body());
        out.flush();
        socket.shutdownOutput();
      } catch (IOException closedEarly) {
        // The server may answer and close before reading a huge request; read what it said.
      }
      return parse(readAll(socket.getInputStream()));
    }
  }

  /**
   * The request line, then the headers this client must control (so an injected CR/LF cannot hide
   * them), then the request's own headers, each as ISO-8859-1 bytes.
   */
  private byte[] head(HostileRequests.Request request) {
    StringBuilder head = new StringBuilder();
    head.append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(host).append(':').append(port).append("\r\n");
    head.append("Connection: close\r\n");
    head.append("Content-Length: ").append(request.body().length).append("\r\n");
    for (String header : request.headers()) {
      head.append(header).append("\r\n");
    }
    return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    byte[] buffer = new byte[16 * 1024];
    try {
      for (int read; (read = in.read(buffer)) >= 0 && answer.size() < MAX_ANSWER; ) {
        answer.write(buffer, 0, read);
      }
    } catch (java.net.SocketException reset) {
      // A reset after the answer was sent: keep what arrived.
    }
    return answer.toByteArray();
  }

  /** The first final answer: interim 1xx answers (100 Continue) are skipped. */
  static Answer parse(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int start = 0;
    while (text.startsWith("HTTP/", start)) {
      int end = text.indexOf("\r\n\r\n", start);
      if (end < 0) {
        break;
      }
      String[] lines = text.substring(start, end).split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      if (status < 200) {
        start = end + 4;
        continue;
      }
      String contentType = "";
      boolean chunked = false;
      for (String line : lines) {
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-type:")) {
          contentType = line.substring(13).strip();
        } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
          chunked = true;
        }
      }
      String body = text.substring(end + 4);
      body = chunked ? dechunk(body) : body;
      return new Answer(status, contentType, utf8(body), text.substring(start, end));
    }
    return new Answer(0, "", text, "");
  }

  private static String dechunk(String body) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (at < body.length()) {
      int lineEnd = body.indexOf("\r\n", at);
      if (lineEnd < 0) {
        break;
      }
      String size = body.substring(at, lineEnd).split(";")[0].strip();
      int length = size.isEmpty() ? 0 : Integer.parseInt(size, 16);
      if (length == 0) {
        break;
      }
      int from = lineEnd + 2;
      out.append(body, from, Math.min(body.length(), from + length));
      at = from + length + 2;
    }
    return out.toString();
  }

  private static String utf8(String isoText) {
    return new String(isoText.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }
}
