package io.tally.billing.subscription;

import static io.tally.billing.platform.Database.utc;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.SubscriptionChange;
import io.tally.billing.api.SubscriptionRequest;
import io.tally.billing.platform.Database;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The first answer of a subscribe or plan change sent with an Idempotency-Key, kept under the
 * account and key (the primary key decides, not a read in Java). A replay answers it as it was —
 * what that request charged, the subscription as it left it — whatever happened since; the same key
 * with another plan or payment method answers 422 {@code idempotency_key_reused}. Only answers are
 * kept: a refused request (a declined card) moved nothing, and its replay tries again with the same
 * processor key, which the processor answers as the first time.
 */
@Stateless
public class SubscriptionAnswers {

  private static final Logger LOG = Logger.getLogger(SubscriptionAnswers.class.getName());

  private static final Jsonb JSON = JsonbBuilder.create();

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  /** The first answer under the request's key, if one was kept. */
  public Optional<SubscriptionChange> first(SubscriptionRequest request) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT request, answer FROM subscription_answer"
                    + " WHERE account_id = ? AND idempotency_key = ?")) {
      select.setLong(1, request.accountId());
      select.setString(2, request.idempotencyKey());
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        if (!row.getString(1).equals(described(request))) {
          throw new BillingException(
              ErrorCode.IDEMPOTENCY_KEY_REUSED,
              "this Idempotency-Key was used for another subscription request ("
                  + row.getString(1)
                  + ")",
              "Idempotency-Key");
        }
        return Optional.of(JSON.fromJson(row.getString(2), SubscriptionChange.class));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read a subscription answer", e);
    }
  }

  /**
   * Keeps {@code answer} as the first answer under the request's key and answers it; when another
   * request with the key kept one first, answers that one. The change it answers has committed, so
   * failing to keep it does not fail the answer: it is logged, and a replay then answers the state
   * at its time, moving no money.
   */
  public SubscriptionChange keep(
      SubscriptionRequest request, SubscriptionChange answer, Instant now) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO subscription_answer (account_id, idempotency_key, request, answer,"
                    + " created_at) VALUES (?, ?, ?, ?, ?)")) {
      insert.setLong(1, request.accountId());
      insert.setString(2, request.idempotencyKey());
      insert.setString(3, described(request));
      insert.setString(4, JSON.toJson(answer));
      insert.setObject(5, utc(now));
      insert.executeUpdate();
      return answer;
    } catch (SQLException e) {
      if (Database.isDuplicateKey(e)) {
        return first(request).orElseThrow(() -> new IllegalStateException(e));
      }
      LOG.log(
          Level.SEVERE,
          "could not keep the first answer of account "
              + request.accountId()
              + " under Idempotency-Key "
              + request.idempotencyKey()
              + ": "
              + answer,
          e);
      return answer;
    }
  }

  private static String described(SubscriptionRequest request) {
    return "plan " + request.plan() + ", paymentMethod " + request.paymentMethod();
  }
}
