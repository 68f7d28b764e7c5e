package io.tally.billing.ear;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one way to the build's MariaDB for the server under test, so a smoke suite can take the
 * database away from that server alone: {@link #cut()} closes the listening socket and every open
 * connection (new connections are refused, pooled ones are dead), as a database outage does, while
 * the MariaDB that the rest of the build shares keeps running. {@link #open()} lets it through
 * again on the same port.
 */
final class TcpRelay implements AutoCloseable {

  private final int port;
  private final int target;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket listener;

  TcpRelay(int port, int target) {
    this.port = port;
    this.target = target;
  }

  int port() {
    return port;
  }

  /** Listens again and relays every new connection to the database. */
  synchronized void open() {
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
      listener = socket;
      daemon("relay-accept-" + port, () -> accept(socket));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + port, e);
    }
  }

  /** The outage: no new connection is accepted, and every open one is closed under its user. */
  synchronized void cut() {
    closeQuietly(listener);
    listener = null;
    sockets.forEach(TcpRelay::closeQuietly);
    sockets.clear();
  }

  @Override
  public void close() {
    cut();
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      Socket client;
      try {
        client = socket.accept();
      } catch (IOException closed) {
        return; // cut()
      }
      try {
        Socket database = new Socket(InetAddress.getLoopbackAddress(), target);
        sockets.add(client);
        sockets.add(database);
        daemon("relay-up-" + port, () -> pump(client, database));
        daemon("relay-down-" + port, () -> pump(database, client));
      } catch (IOException refused) {
        closeQuietly(client);
      }
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      for (int read; (read = in.read(buffer)) != -1; ) {
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException closed) {
      // one side went away: end the other too
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      sockets.remove(from);
      sockets.remove(to);
    }
  }

  private static void daemon(String name, Runnable work) {
    Thread thread = new Thread(work, name);
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception ignored) {
      // closing is all that is wanted
    }
  }
}
