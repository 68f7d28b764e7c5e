package io.tally.billing.api;

import java.util.Optional;

/**
 * People who sign in to the pages: customers (each owns one account) and admins. Passwords are kept
 * as PBKDF2 hashes; the pages' identity store checks them.
 */
public interface WebUserService {

  /** The fewest characters a password may have. */
  int MIN_PASSWORD_LENGTH = 12;

  /** Opens a Free (prepaid) account with its grant and a customer who signs in to it. */
  AccountView signUp(SignUp request);

  /** The account a signed-in customer owns; empty for an admin or an unknown e-mail. */
  Optional<Long> accountOf(String email);
}
