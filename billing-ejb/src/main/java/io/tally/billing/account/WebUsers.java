package io.tally.billing.account;

import io.tally.billing.api.AccountView;
import io.tally.billing.api.BillingException;
import io.tally.billing.api.BillingMode;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.OpenAccount;
import io.tally.billing.api.SignUp;
import io.tally.billing.api.WebUserService;
import io.tally.billing.platform.Database;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Customers and admins who sign in to the pages. Sign-up opens the account through {@link
 * Accounts#open} (so it gets the free grant like any prepaid account) and then the customer who
 * owns it; the account's unique e-mail makes a second sign-up with the same address a 409.
 */
@Stateless
@LocalBean
@Local(WebUserService.class)
public class WebUsers implements WebUserService {

  /** The role of a person who owns an account. */
  public static final String CUSTOMER = "customer";

  /** The role of a person who runs Tally (all accounts, prices, adjustments). */
  public static final String ADMIN = "admin";

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  @PersistenceContext EntityManager em;

  @Inject Accounts accounts;

  @Inject Passwords passwords;

  @Inject Clock clock;

  /**
   * The account is opened first (its ledger commits on its own, see {@link Accounts#open}); the
   * customer is written in this transaction after it.
   */
  @Override
  public AccountView signUp(SignUp request) {
    String email = email(request.email());
    String name = request.name() == null ? "" : request.name().strip();
    if (name.isEmpty() || name.length() > 200) {
      throw BillingException.invalid("name", "a name has 1 to 200 characters");
    }
    String hash = passwords.hash(request.password());
    if (exists(email)) {
      throw new BillingException(ErrorCode.EMAIL_TAKEN, "this e-mail already signs in", "email");
    }
    AccountView account = accounts.open(new OpenAccount(email, name, BillingMode.PREPAID, null));
    insert(email, hash, CUSTOMER, account.id());
    return account;
  }

  @Override
  public Optional<Long> accountOf(String email) {
    return em
        .createNativeQuery("SELECT account_id FROM web_user WHERE email = ? AND role = ?")
        .setParameter(1, email.toLowerCase(Locale.ROOT))
        .setParameter(2, CUSTOMER)
        .getResultList()
        .stream()
        .findFirst()
        .map(id -> ((Number) id).longValue());
  }

  /**
   * Makes {@code email} an admin with {@code password}, or sets the password of that admin: the
   * configuration is the truth about the bootstrap admin. A customer's e-mail is left alone.
   */
  public boolean ensureAdmin(String email, String password) {
    return em.createNativeQuery(
                "INSERT INTO web_user (email, password_hash, role, account_id, created_at)"
                    + " VALUES (?, ?, ?, NULL, ?) ON DUPLICATE KEY UPDATE"
                    + " password_hash = IF(role = ?, VALUES(password_hash), password_hash)")
            .setParameter(1, email(email))
            .setParameter(2, passwords.hash(password))
            .setParameter(3, ADMIN)
            .setParameter(4, Database.utc(clock.instant()))
            .setParameter(5, ADMIN)
            .executeUpdate()
        > 0;
  }

  /**
   * Lets the holder of the existing account with {@code email} sign in as its customer, unless
   * someone already signs in with that e-mail (the demo's documented customer).
   */
  public void ensureCustomer(String email, String password) {
    em.createNativeQuery(
            "INSERT IGNORE INTO web_user (email, password_hash, role, account_id, created_at)"
                + " SELECT a.email, ?, ?, a.id, ? FROM account a WHERE a.email = ?")
        .setParameter(1, passwords.hash(password))
        .setParameter(2, CUSTOMER)
        .setParameter(3, Database.utc(clock.instant()))
        .setParameter(4, email(email))
        .executeUpdate();
  }

  private void insert(String email, String hash, String role, Long accountId) {
    em.createNativeQuery(
            "INSERT INTO web_user (email, password_hash, role, account_id, created_at)"
                + " VALUES (?, ?, ?, ?, ?)")
        .setParameter(1, email)
        .setParameter(2, hash)
        .setParameter(3, role)
        .setParameter(4, accountId)
        .setParameter(5, Database.utc(clock.instant()))
        .executeUpdate();
  }

  private boolean exists(String email) {
    return !em.createNativeQuery("SELECT id FROM web_user WHERE email = ?")
        .setParameter(1, email)
        .getResultList()
        .isEmpty();
  }

  private static String email(String raw) {
    String email = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
    if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
      throw BillingException.invalid("email", "enter an e-mail address such as ada@example.com");
    }
    return email;
  }
}
