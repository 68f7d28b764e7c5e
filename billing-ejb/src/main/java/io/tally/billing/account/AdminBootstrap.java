package io.tally.billing.account;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The first admin of the pages comes from configuration ({@code tally.admin.email} and {@code
 * tally.admin.password}, at least 12 characters); there is no default, so a server nobody
 * configured has no admin who can sign in. Every start sets the password again from the config. A
 * bad setting is logged and leaves the server running (its own transaction rolls back, not the
 * start).
 */
@Startup
@Singleton
@DependsOn("Migrations")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AdminBootstrap {

  private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());

  @Inject
  @ConfigProperty(name = "tally.admin.email")
  Optional<String> email;

  @Inject
  @ConfigProperty(name = "tally.admin.password")
  Optional<String> password;

  @Inject WebUsers users;

  @PostConstruct
  void ensureAdmin() {
    if (email.isEmpty() || password.isEmpty()) {
      LOG.info(
          "tally.admin.email/tally.admin.password are not set: no admin signs in to the pages");
      return;
    }
    try {
      users.ensureAdmin(email.get(), password.get());
      LOG.info("admin " + email.get() + " can sign in to the pages");
    } catch (io.tally.billing.api.BillingException refused) {
      LOG.severe("the admin from tally.admin.email is not set up: " + refused.getMessage());
    }
  }
}
