package io.tally.billing.account;

import io.tally.billing.api.AuditAction;
import io.tally.billing.api.Caller;
import io.tally.billing.audit.AuditTrail;
import io.tally.billing.audit.Change;
import io.tally.billing.platform.Database;
import io.tally.billing.platform.Invalidations;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Issues keys and tells who a key belongs to, in microseconds: a key is a 256-bit random secret, so
 * one SHA-256 digest identifies it (a slow password hash buys nothing against guessing 2^256
 * values). Digests are compared in constant time. Known account keys are remembered in memory, so
 * the check on every gateway call is a local map read; revoking a key makes every member of a
 * cluster forget it before the revocation answers ({@link Invalidations}).
 */
@ApplicationScoped
public class ApiKeys {

  static final String ACCOUNT_KEY_PREFIX = "tk_";
  static final String REVOKED = "api-key-revoked";
  private static final Logger LOG = Logger.getLogger(ApiKeys.class.getName());
  private static final int MIN_ADMIN_KEY_LENGTH = 32;
  private static final int MAX_CACHED = 100_000;
  private static final int PREFIX_LENGTH = 10;

  @Inject
  @ConfigProperty(name = "tally.admin.key")
  Optional<String> adminKey;

  /**
   * The service key the gateway changes over to, accepted beside {@code tally.admin.key} so that a
   * rotation needs no moment when the gateway's key is refused (docs/operations.md).
   */
  @Inject
  @ConfigProperty(name = "tally.admin.key.next")
  Optional<String> nextAdminKey;

  @Inject Clock clock;

  @Inject AuditTrail audit;

  @PersistenceContext EntityManager em;

  @Resource TransactionSynchronizationRegistry transactions;

  @Inject Invalidations invalidations;

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Caller> accountByDigest = new ConcurrentHashMap<>();

  /**
   * Counts the keys forgotten: a lookup that read a key while it was being revoked must not
   * remember it after the revocation was heard, so it remembers only if nothing was forgotten
   * meanwhile.
   */
  private final AtomicLong forgotten = new AtomicLong();

  private byte[] adminDigest;
  private byte[] nextAdminDigest;

  @PostConstruct
  void init() {
    invalidations.on(REVOKED, this::forget);
    adminDigest = serviceKeyDigest("tally.admin.key", adminKey);
    nextAdminDigest = serviceKeyDigest("tally.admin.key.next", nextAdminKey);
    if (adminDigest == null && nextAdminDigest == null) {
      LOG.warning("tally.admin.key is not set: no service key will be accepted");
    }
    if (nextAdminDigest != null) {
      LOG.info(
          "tally.admin.key.next is set: two service keys are accepted until it replaces"
              + " tally.admin.key");
    }
  }

  /** The digest of a configured service key, or null when it is not set or too short to trust. */
  private static byte[] serviceKeyDigest(String name, Optional<String> configured) {
    String key = configured.map(String::strip).orElse("");
    if (key.isEmpty()) {
      return null;
    }
    if (key.length() < MIN_ADMIN_KEY_LENGTH) {
      LOG.severe(
          name
              + " is shorter than "
              + MIN_ADMIN_KEY_LENGTH
              + " characters; that service key is disabled");
      return null;
    }
    return digest(key);
  }

  /** Who {@code key} belongs to, if anyone. */
  public Optional<Caller> authenticate(String key) {
    byte[] digest = digest(key);
    if (isServiceKey(digest)) {
      return Optional.of(Caller.service());
    }
    if (!key.startsWith(ACCOUNT_KEY_PREFIX)) {
      return Optional.empty();
    }
    String hex = java.util.HexFormat.of().formatHex(digest);
    Caller cached = accountByDigest.get(hex);
    if (cached != null) {
      return Optional.of(cached);
    }
    long forgottenBefore = forgotten.get();
    List<ApiKey> found =
        em.createQuery("SELECT k FROM ApiKey k WHERE k.digest = :digest", ApiKey.class)
            .setParameter("digest", digest)
            .getResultList();
    return found.stream()
        .filter(k -> !k.revoked() && MessageDigest.isEqual(k.digest(), digest))
        .findFirst()
        .map(
            k -> {
              if (accountByDigest.size() >= MAX_CACHED) {
                accountByDigest.clear();
              }
              Caller caller = Caller.account(k.accountId(), k.id());
              if (forgotten.get() == forgottenBefore) {
                accountByDigest.put(hex, caller);
              }
              return caller;
            });
  }

  /** Both configured keys are compared, whichever matches, so the time tells nothing of which. */
  private boolean isServiceKey(byte[] digest) {
    boolean current = adminDigest != null && MessageDigest.isEqual(adminDigest, digest);
    boolean next = nextAdminDigest != null && MessageDigest.isEqual(nextAdminDigest, digest);
    return current | next;
  }

  /** Issues a new key for an account; the secret is returned this once. */
  @Transactional
  public Issued issue(long accountId) {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String key =
        ACCOUNT_KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    return register(accountId, key);
  }

  /** Stores a key chosen elsewhere (the demo's documented key). */
  @Transactional
  public Issued register(long accountId, String key) {
    ApiKey stored =
        new ApiKey(accountId, digest(key), prefixOf(key), Database.utc(clock.instant()));
    em.persist(stored);
    em.flush();
    return new Issued(stored, key);
  }

  /** The account's keys, newest first. */
  public List<ApiKey> of(long accountId) {
    return em.createQuery(
            "SELECT k FROM ApiKey k WHERE k.accountId = :account ORDER BY k.id DESC", ApiKey.class)
        .setParameter("account", accountId)
        .getResultList();
  }

  /**
   * Revokes the account's key {@code keyId} (locked, so two revocations keep the first time). This
   * server forgets it now, and every member after the commit, before the revocation answers.
   */
  @Transactional
  public Optional<ApiKey> revoke(long accountId, long keyId) {
    ApiKey key = em.find(ApiKey.class, keyId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    if (key == null || key.accountId() != accountId) {
      return Optional.empty();
    }
    boolean wasRevoked = key.revoked();
    key.revoke(Database.utc(clock.instant()));
    em.flush();
    if (!wasRevoked) {
      audit.record(
          new Change(
              AuditAction.API_KEY_REVOKED,
              Long.toString(keyId),
              accountId,
              Change.state("prefix", key.prefix(), "revokedAt", null),
              Change.state("prefix", key.prefix(), "revokedAt", Database.format(key.revokedAt())),
              null));
    }
    String hex = java.util.HexFormat.of().formatHex(key.digest());
    forget(hex);
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            invalidations.publish(REVOKED, hex);
          }
        });
    return Optional.of(key);
  }

  private void forget(String digestHex) {
    forgotten.incrementAndGet();
    accountByDigest.remove(digestHex);
  }

  /**
   * The part of a key kept in clear to tell keys apart (and to name the key in the audit): its
   * first characters, never enough of the 256-bit secret to matter.
   */
  public static String prefixOf(String key) {
    return key.substring(0, Math.min(PREFIX_LENGTH, key.length()));
  }

  /** A stored key and its secret, which is shown once. */
  public record Issued(ApiKey stored, String key) {}

  static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
