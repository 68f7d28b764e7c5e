package io.tally.billing.account;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.WebUserService;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;

/**
 * Hashes people's passwords with PBKDF2 (HMAC-SHA512, 210,000 iterations, OWASP's figure), in the
 * format Jakarta Security's database identity store verifies: the parameters travel inside each
 * hash, so raising them later leaves old hashes valid.
 */
@Dependent
public class Passwords {

  private static final int MAX_LENGTH = 200;

  @Inject Pbkdf2PasswordHash hash;

  @PostConstruct
  void init() {
    hash.initialize(
        Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
            "Pbkdf2PasswordHash.Iterations", "210000",
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "64"));
  }

  /** The stored form of an acceptable password; a short or overlong one is refused. */
  public String hash(String password) {
    if (password == null || password.length() < WebUserService.MIN_PASSWORD_LENGTH) {
      throw new BillingException(
          ErrorCode.WEAK_PASSWORD,
          "a password needs at least " + WebUserService.MIN_PASSWORD_LENGTH + " characters",
          "password");
    }
    if (password.length() > MAX_LENGTH) {
      throw BillingException.invalid(
          "password", "a password has at most " + MAX_LENGTH + " characters");
    }
    return hash.generate(password.toCharArray());
  }
}
