package io.tally.billing.web.limit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows password guessing on the pages. Failed sign-ins are counted per e-mail and per client
 * address; after {@code tally.signin.max-failures} for one e-mail (or {@code
 * max-failures-per-address} from one address) within a lockout window, every sign-in of that e-mail
 * (or from that address) is refused until the window ends, the right password included. An unknown
 * e-mail is counted exactly like a known one, so the lockout tells nobody which e-mails have an
 * account. Sign-ups are counted per address the same way.
 *
 * <p>A window is {@code tally.signin.lockout-seconds} long and starts when the e-mail or address is
 * first counted: the buckets refill all at once at the end of each window (Bucket4j's interval
 * refill), so a lockout lasts at most one window.
 */
@ApplicationScoped
public class SignInThrottle {

  /** How many e-mails and addresses are remembered at once (the least recent are forgotten). */
  private static final int REMEMBERED = 100_000;

  @Inject
  @ConfigProperty(name = "tally.signin.max-failures", defaultValue = "5")
  long maxFailures;

  @Inject
  @ConfigProperty(name = "tally.signin.max-failures-per-address", defaultValue = "20")
  long maxFailuresPerAddress;

  @Inject
  @ConfigProperty(name = "tally.signin.lockout-seconds", defaultValue = "900")
  long lockoutSeconds;

  @Inject
  @ConfigProperty(name = "tally.signup.max-per-address", defaultValue = "10")
  long maxSignUpsPerAddress;

  @Inject
  @ConfigProperty(name = "tally.signup.window-seconds", defaultValue = "3600")
  long signUpWindowSeconds;

  @Inject Clock clock;

  private volatile Recent failuresByEmail;
  private volatile Recent failuresByAddress;
  private volatile Recent signUpsByAddress;

  @PostConstruct
  void start() {
    reset();
  }

  /** How long a sign-in of {@code email} from {@code address} must wait, if it is locked out. */
  public Optional<Duration> signInLockedOut(String email, String address) {
    long wait =
        Math.max(
            waitNanos(failuresByEmail.of(email).estimateAbilityToConsume(1)),
            waitNanos(failuresByAddress.of(address).estimateAbilityToConsume(1)));
    return wait > 0 ? Optional.of(Duration.ofNanos(wait)) : Optional.empty();
  }

  public void signInFailed(String email, String address) {
    failuresByEmail.of(email).tryConsume(1);
    failuresByAddress.of(address).tryConsume(1);
  }

  /** A right password clears the e-mail's failures (not the address's: one account is not all). */
  public void signedIn(String email) {
    failuresByEmail.of(email).reset();
  }

  /** Counts a sign-up from {@code address}; how long it must wait instead, if too many came. */
  public Optional<Duration> signUp(String address) {
    var probe = signUpsByAddress.of(address).tryConsumeAndReturnRemaining(1);
    return probe.isConsumed()
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill())));
  }

  /** Forgets every count. */
  public synchronized void reset() {
    Duration lockout = Duration.ofSeconds(lockoutSeconds);
    Duration signUpWindow = Duration.ofSeconds(signUpWindowSeconds);
    failuresByEmail = new Recent(REMEMBERED, () -> bucket(maxFailures, lockout));
    failuresByAddress = new Recent(REMEMBERED, () -> bucket(maxFailuresPerAddress, lockout));
    signUpsByAddress = new Recent(REMEMBERED, () -> bucket(maxSignUpsPerAddress, signUpWindow));
  }

  private Bucket bucket(long tries, Duration window) {
    return Bucket.builder()
        .addLimit(limit -> limit.capacity(tries).refillIntervally(tries, window))
        .withCustomTimePrecision(new ClockTime(clock))
        .build();
  }

  private static long waitNanos(EstimationProbe probe) {
    return probe.canBeConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
  }
}
