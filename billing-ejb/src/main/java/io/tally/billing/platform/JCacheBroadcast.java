package io.tally.billing.platform;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;

/**
 * Invalidations through JCache caches of the server's data grid (Payara's Hazelcast). A message is
 * an entry of {@code tally-invalidations} under a fresh id; every member listens to that cache,
 * forgets, and acknowledges with an entry {@code <id>/<member>} in {@code tally-invalidation-acks}.
 * The sender waits until every member listed in {@code tally-members} has acknowledged (at most
 * {@link #ACK_WAIT_MS}), so a revocation answers only once the other members have forgotten the
 * key. A member that does not answer in time is taken to be gone and struck off the list; it puts
 * itself back with its next acknowledgement. Loaded only by {@link Invalidations}, and only where
 * the JCache API exists.
 */
final class JCacheBroadcast implements Invalidations.Broadcast {

  static final String MESSAGES = "tally-invalidations";
  static final String ACKS = "tally-invalidation-acks";
  static final String MEMBERS = "tally-members";
  static final long ACK_WAIT_MS = 3000;

  private static final Logger LOG = Logger.getLogger(JCacheBroadcast.class.getName());

  /**
   * This deployment's broadcast, for its listener: the grid creates the listener from its class
   * name (a factory other members can read without the application's classes), and the class, so
   * this field, is the deployment's own.
   */
  private static volatile JCacheBroadcast current;

  private final String member = UUID.randomUUID().toString();
  private final Invalidations invalidations;
  private final Cache<String, String> messages;
  private final Cache<String, String> acks;
  private final Cache<String, String> members;

  /** Acknowledgements are written off the grid's event thread, which must not block. */
  private final ExecutorService acknowledging =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "tally-invalidation-acks");
            thread.setDaemon(true);
            return thread;
          });

  private final MutableCacheEntryListenerConfiguration<String, String> listening =
      new MutableCacheEntryListenerConfiguration<>(
          FactoryBuilder.factoryOf(Listener.class), null, false, false);

  JCacheBroadcast(Object manager, Invalidations invalidations) {
    CacheManager caches = (CacheManager) manager;
    this.invalidations = invalidations;
    messages = open(caches, MESSAGES, true);
    acks = open(caches, ACKS, true);
    members = open(caches, MEMBERS, false);
    current = this;
    try {
      messages.registerCacheEntryListener(listening);
    } catch (IllegalArgumentException alreadyListening) {
      // Another member registered this listener configuration first; the grid gave this member
      // its own instance of it when the cache was opened here.
      LOG.fine("the invalidation listener came with the cache's configuration");
    }
    members.put(member, "");
  }

  private static Cache<String, String> open(CacheManager manager, String name, boolean expiring) {
    Cache<String, String> found = manager.getCache(name);
    if (found != null) {
      return found;
    }
    MutableConfiguration<String, String> configuration = new MutableConfiguration<>();
    if (expiring) {
      // Messages and acknowledgements matter only while a sender waits for them.
      configuration.setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(Duration.ONE_MINUTE));
    }
    try {
      return manager.createCache(name, configuration);
    } catch (CacheException createdByAnotherMember) {
      return manager.getCache(name);
    }
  }

  @Override
  public void send(String topic, String key) {
    String id = UUID.randomUUID().toString();
    Set<String> waiting = new HashSet<>();
    for (Cache.Entry<String, String> entry : members) {
      if (!entry.getKey().equals(member)) {
        waiting.add(entry.getKey());
      }
    }
    messages.put(id, topic + "\n" + key);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ACK_WAIT_MS);
    while (!waiting.isEmpty()) {
      waiting.removeIf(other -> acks.containsKey(id + "/" + other));
      if (waiting.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        LOG.log(
            Level.WARNING,
            "members {0} did not confirm forgetting {1} {2} within {3} ms; taken to be gone",
            new Object[] {waiting, topic, key, ACK_WAIT_MS});
        waiting.forEach(members::remove);
        return;
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void received(String id, String message) {
    int split = message.indexOf('\n');
    if (split > 0) {
      invalidations.deliver(message.substring(0, split), message.substring(split + 1));
    }
    acknowledging.execute(
        () -> {
          try {
            acks.put(id + "/" + member, "");
            members.putIfAbsent(member, "");
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "acknowledging an invalidation", e);
          }
        });
  }

  @Override
  public void close() {
    current = null;
    acknowledging.shutdownNow();
    try {
      members.remove(member);
      messages.deregisterCacheEntryListener(listening);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "leaving the data grid's invalidations", e);
    }
  }

  /** Created by the grid, from its class name, on each member that listens. */
  public static final class Listener implements CacheEntryCreatedListener<String, String> {

    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      JCacheBroadcast broadcast = current;
      if (broadcast == null) {
        return;
      }
      for (CacheEntryEvent<? extends String, ? extends String> event : events) {
        broadcast.received(event.getKey(), event.getValue());
      }
    }
  }
}
