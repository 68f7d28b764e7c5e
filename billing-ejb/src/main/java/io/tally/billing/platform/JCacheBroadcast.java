package io.tally.billing.platform;

import java.util.UUID;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;

/**
 * Invalidations through a JCache cache of the server's data grid (Payara's Hazelcast): a message is
 * a put of {@code topic + "\n" + key}, and every member listens to the cache. The listener is
 * synchronous, so the put returns once the grid has handed the event to the listeners. Loaded only
 * by {@link Invalidations}, and only where the JCache API exists.
 */
final class JCacheBroadcast implements Invalidations.Broadcast {

  static final String CACHE = "tally-invalidations";

  private static final Logger LOG = Logger.getLogger(JCacheBroadcast.class.getName());

  /**
   * Where this deployment's listener delivers. The grid creates the listener from its class name (a
   * factory that other members can read without the application's classes), so it finds its
   * deployment here: the class, and so this field, is the deployment's own.
   */
  private static volatile Invalidations target;

  private final Cache<String, String> cache;
  private final MutableCacheEntryListenerConfiguration<String, String> listening =
      new MutableCacheEntryListenerConfiguration<>(
          FactoryBuilder.factoryOf(Listener.class), null, false, true);

  JCacheBroadcast(Object manager, Invalidations invalidations) {
    target = invalidations;
    cache = open((CacheManager) manager);
    try {
      cache.registerCacheEntryListener(listening);
    } catch (IllegalArgumentException alreadyListening) {
      // Another member registered the same listener configuration first; the grid gave this
      // member its own instance of it when the cache was opened here.
      LOG.fine("the invalidation listener came with the cache's configuration");
    }
  }

  private static Cache<String, String> open(CacheManager manager) {
    Cache<String, String> found = manager.getCache(CACHE);
    if (found != null) {
      return found;
    }
    try {
      // Messages are only needed while they are delivered; a minute keeps the grid small.
      return manager.createCache(
          CACHE,
          new MutableConfiguration<String, String>()
              .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(Duration.ONE_MINUTE)));
    } catch (CacheException createdByAnotherMember) {
      return manager.getCache(CACHE);
    }
  }

  @Override
  public void send(String topic, String key) {
    // A fresh value each time, so that every message is a change of the entry, never a no-op.
    cache.put(topic + "\n" + key, UUID.randomUUID().toString());
  }

  @Override
  public void close() {
    try {
      cache.deregisterCacheEntryListener(listening);
    } finally {
      target = null;
    }
  }

  /** Created by the grid, from its class name, on each member that listens. */
  public static final class Listener
      implements CacheEntryCreatedListener<String, String>,
          CacheEntryUpdatedListener<String, String> {

    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      deliver(events);
    }

    @Override
    public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      deliver(events);
    }

    private static void deliver(
        Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      Invalidations invalidations = target;
      if (invalidations == null) {
        return;
      }
      for (CacheEntryEvent<? extends String, ? extends String> event : events) {
        String message = event.getKey();
        int split = message.indexOf('\n');
        if (split > 0) {
          invalidations.deliver(message.substring(0, split), message.substring(split + 1));
        }
      }
    }
  }
}
