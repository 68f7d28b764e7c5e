package io.tally.billing.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells every member of a cluster to forget what it keeps in memory of something that changed (a
 * revoked key, a model's prices), so that the caches on the hot path stay plain local reads. On
 * Payara the message goes through JCache caches of its data grid ({@code JCacheBroadcast}): each
 * member listens, forgets and acknowledges, and the sender waits for every member's acknowledgement
 * before the change answers. Where no JCache provider is present (WildFly) the server is taken to
 * be alone and only its own memory forgets. The JCache class is loaded by name, only once the API
 * is known to be there: bean discovery is {@code annotated}, so nothing else loads it.
 */
@ApplicationScoped
public class Invalidations {

  private static final Logger LOG = Logger.getLogger(Invalidations.class.getName());

  /** What the cluster's messages go through: the data grid, or nothing. */
  interface Broadcast extends AutoCloseable {
    void send(String topic, String key);

    @Override
    default void close() {}
  }

  private final Map<String, Consumer<String>> forgetters = new ConcurrentHashMap<>();
  private Broadcast broadcast = (topic, key) -> {};

  @PostConstruct
  void connect() {
    try {
      Object manager = new javax.naming.InitialContext().lookup("payara/CacheManager");
      broadcast =
          (Broadcast)
              Class.forName(
                      "io.tally.billing.platform.JCacheBroadcast",
                      true,
                      Invalidations.class.getClassLoader())
                  .getDeclaredConstructor(Object.class, Invalidations.class)
                  .newInstance(manager, this);
      LOG.info("cache invalidations go to every cluster member through JCache");
    } catch (Exception | LinkageError e) {
      LOG.log(
          Level.INFO,
          "no JCache provider ({0}): caches are invalidated on this server only",
          e.toString());
    }
  }

  @PreDestroy
  void disconnect() {
    try {
      broadcast.close();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "leaving the cache invalidations", e);
    }
  }

  /** {@code forget} is called with each key of {@code topic} that any member invalidates. */
  public void on(String topic, Consumer<String> forget) {
    forgetters.put(topic, forget);
  }

  /**
   * Forgets {@code key} of {@code topic} here at once, then on every other member. Call it after
   * the change committed: a member that read the old state before the commit would cache it again.
   */
  public void publish(String topic, String key) {
    deliver(topic, key);
    try {
      broadcast.send(topic, key);
    } catch (RuntimeException e) {
      // The change has committed; the caches' own expiry is the backstop for a lost message.
      LOG.log(Level.SEVERE, "telling the cluster to forget " + topic + " " + key, e);
    }
  }

  /** A message from any member, this one included. */
  void deliver(String topic, String key) {
    Consumer<String> forget = forgetters.get(topic);
    if (forget != null) {
      forget.accept(key);
    }
  }
}
