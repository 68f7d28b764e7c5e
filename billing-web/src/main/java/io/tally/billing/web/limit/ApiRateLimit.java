package io.tally.billing.web.limit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.tally.billing.api.Caller;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How many API calls a caller may make: each account's keys share one bucket (so minting more keys
 * buys no more calls), and the service key has its own. The service key is the gateway's, which
 * calls thousands of times a second, so by default it is not limited at all; account keys get a
 * modest limit. A bucket refills smoothly: {@code requests} per {@code period}, with bursts of up
 * to {@code requests}. A call without a key (the public reads) is limited per client address as an
 * account is, remembering the most recent addresses only.
 */
@ApplicationScoped
public class ApiRateLimit {

  @Inject
  @ConfigProperty(name = "tally.api.rate-limit.account-requests", defaultValue = "600")
  long accountRequests;

  @Inject
  @ConfigProperty(name = "tally.api.rate-limit.service-requests", defaultValue = "0")
  long serviceRequests;

  @Inject
  @ConfigProperty(name = "tally.api.rate-limit.period-seconds", defaultValue = "60")
  long periodSeconds;

  @Inject Clock clock;

  /** Addresses of calls without a key remembered at once; strangers must not grow the map. */
  private static final int ADDRESSES = 10_000;

  private final ConcurrentMap<Long, Bucket> accounts = new ConcurrentHashMap<>();
  private volatile Recent addresses;
  private volatile Limits limits;
  private volatile Bucket service;

  @PostConstruct
  void start() {
    reset();
  }

  /**
   * Counts one call of {@code caller}: 0 when it may go ahead, otherwise how many nanoseconds until
   * it may call again (and the call is not counted).
   */
  public long take(Caller caller) {
    Limits current = limits;
    Bucket bucket;
    if (caller.isService()) {
      bucket = service;
    } else if (current.accountRequests() <= 0) {
      bucket = null;
    } else {
      bucket = accounts.get(caller.accountId());
      if (bucket == null) {
        bucket = accounts.computeIfAbsent(caller.accountId(), id -> bucket(current.account()));
      }
    }
    return waitFor(bucket);
  }

  /** As {@link #take}, for a call without a key from {@code address}. */
  public long takeAnonymous(String address) {
    Recent current = addresses;
    return current == null ? 0 : waitFor(current.of(address));
  }

  private static long waitFor(Bucket bucket) {
    if (bucket == null) {
      return 0;
    }
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
  }

  /** Back to the configured limits, every count forgotten. */
  public void reset() {
    use(accountRequests, serviceRequests, Duration.ofSeconds(periodSeconds));
  }

  /**
   * Replaces the limits (0 requests: no limit) and forgets every count. The tests use it to try a
   * small limit; an operator's tool could too.
   */
  public synchronized void use(long accountRequests, long serviceRequests, Duration period) {
    Limits next = new Limits(accountRequests, serviceRequests, period);
    limits = next;
    accounts.clear();
    addresses = accountRequests > 0 ? new Recent(ADDRESSES, () -> bucket(next.account())) : null;
    service = serviceRequests > 0 ? bucket(next.service()) : null;
  }

  private Bucket bucket(Rate rate) {
    return Bucket.builder()
        .addLimit(
            limit -> limit.capacity(rate.requests()).refillGreedy(rate.requests(), rate.per()))
        .withCustomTimePrecision(new ClockTime(clock))
        .build();
  }

  private record Rate(long requests, Duration per) {}

  private record Limits(long accountRequests, long serviceRequests, Duration period) {
    Rate account() {
      return new Rate(accountRequests, period);
    }

    Rate service() {
      return new Rate(serviceRequests, period);
    }
  }
}
