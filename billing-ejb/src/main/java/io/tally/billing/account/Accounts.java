package io.tally.billing.account;

import io.tally.billing.api.AccountService;
import io.tally.billing.api.AccountView;
import io.tally.billing.api.ApiKeySummary;
import io.tally.billing.api.ApiKeyView;
import io.tally.billing.api.AuditAction;
import io.tally.billing.api.BillingException;
import io.tally.billing.api.BillingMode;
import io.tally.billing.api.Caller;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.Money;
import io.tally.billing.api.OpenAccount;
import io.tally.billing.audit.AuditTrail;
import io.tally.billing.audit.Change;
import io.tally.billing.ledger.LedgerWriter;
import io.tally.billing.payment.AutoRechargeSettings;
import io.tally.billing.platform.Database;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Opening accounts, reading them, and issuing their keys. */
@Stateless
@LocalBean
@Local(AccountService.class)
public class Accounts implements AccountService {

  @PersistenceContext EntityManager em;

  @Inject LedgerWriter ledger;

  @Inject ApiKeys keys;

  @Inject AutoRechargeSettings autoRecharge;

  @Inject AuditTrail audit;

  @Inject
  @ConfigProperty(name = "tally.free-grant", defaultValue = "1.00")
  BigDecimal freeGrant;

  @Inject
  @ConfigProperty(name = "tally.postpaid.default-credit-limit", defaultValue = "100.00")
  BigDecimal defaultCreditLimit;

  /**
   * Opens an account; a prepaid one starts with the free grant on its ledger. The ledger writer
   * commits before the account is read back (its plain-SQL connection is not the JPA one).
   */
  @Override
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public AccountView open(OpenAccount request) {
    boolean postpaid = request.billingMode() == BillingMode.POSTPAID;
    if (!postpaid && request.creditLimit() != null) {
      throw BillingException.invalid(
          "creditLimit", "creditLimit applies to POSTPAID accounts only");
    }
    BigDecimal creditLimit =
        postpaid
            ? Money.of(request.creditLimit() != null ? request.creditLimit() : defaultCreditLimit)
            : null;
    long id =
        ledger.openAccount(
            request.email(),
            request.name(),
            request.billingMode(),
            creditLimit,
            postpaid ? BigDecimal.ZERO : Money.of(freeGrant));
    return view(account(id), new AccountView.AutoRechargeView(false));
  }

  @Override
  public AccountView find(long id) {
    return view(account(id), autoRecharge.view(id));
  }

  /** The account, or a 404. */
  public Account account(long id) {
    Account account = em.find(Account.class, id);
    if (account == null) {
      throw new BillingException(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + id);
    }
    return account;
  }

  @Override
  public ApiKeyView issueKey(long accountId) {
    account(accountId);
    ApiKeys.Issued issued = keys.issue(accountId);
    audit.record(
        new Change(
            AuditAction.API_KEY_CREATED,
            Long.toString(issued.stored().id()),
            accountId,
            null,
            Change.state("prefix", issued.stored().prefix()),
            null));
    return new ApiKeyView(
        issued.stored().id(),
        accountId,
        issued.key(),
        issued.stored().prefix(),
        Database.format(issued.stored().createdAt()));
  }

  @Override
  public List<ApiKeySummary> keys(long accountId) {
    account(accountId);
    return keys.of(accountId).stream().map(Accounts::summary).toList();
  }

  @Override
  public ApiKeySummary revokeKey(long accountId, long keyId) {
    account(accountId);
    return keys.revoke(accountId, keyId)
        .map(Accounts::summary)
        .orElseThrow(
            () ->
                new BillingException(
                    ErrorCode.API_KEY_NOT_FOUND, "account " + accountId + " has no key " + keyId));
  }

  /** An id finds that account; other text finds e-mails that start with it or names holding it. */
  @Override
  public List<AccountView> search(String query, int limit) {
    String text = query == null ? "" : query.strip().toLowerCase(java.util.Locale.ROOT);
    if (text.matches("\\d{1,18}")) {
      Account byId = em.find(Account.class, Long.parseLong(text));
      return byId == null ? List.of() : List.of(find(byId.id()));
    }
    String like = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    return em
        .createQuery(
            "SELECT a FROM Account a WHERE a.email LIKE :prefix OR LOWER(a.name) LIKE :anywhere"
                + " ORDER BY a.id DESC",
            Account.class)
        .setParameter("prefix", like + "%")
        .setParameter("anywhere", "%" + like + "%")
        .setMaxResults(limit)
        .getResultList()
        .stream()
        .map(account -> view(account, autoRecharge.view(account.id())))
        .toList();
  }

  private static ApiKeySummary summary(ApiKey key) {
    return new ApiKeySummary(
        key.id(),
        key.prefix(),
        Database.format(key.createdAt()),
        key.revokedAt() == null ? null : Database.format(key.revokedAt()));
  }

  @Override
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Optional<Caller> authenticate(String key) {
    return keys.authenticate(key);
  }

  static AccountView view(Account account, AccountView.AutoRechargeView autoRecharge) {
    return new AccountView(
        account.id(),
        account.email(),
        account.name(),
        account.billingMode(),
        account.plan(),
        Money.format(account.balance()),
        Money.format(account.available()),
        Money.format(account.creditLimit()),
        autoRecharge,
        Database.format(account.createdAt()));
  }
}
