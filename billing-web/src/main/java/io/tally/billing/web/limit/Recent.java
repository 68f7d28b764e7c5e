package io.tally.billing.web.limit;

import io.github.bucket4j.Bucket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The buckets of the most recently seen names (e-mails, addresses), at most {@code max} of them:
 * names come from strangers, so the map must not grow with every e-mail an attacker invents. The
 * least recently used bucket is forgotten first. Sign-in is rare next to API calls, so one lock is
 * cheap enough here.
 */
final class Recent {

  private final Map<String, Bucket> buckets;
  private final Supplier<Bucket> fresh;

  Recent(int max, Supplier<Bucket> fresh) {
    this.fresh = fresh;
    this.buckets =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > max;
          }
        };
  }

  synchronized Bucket of(String name) {
    return buckets.computeIfAbsent(name, ignored -> fresh.get());
  }

  synchronized void clear() {
    buckets.clear();
  }
}
