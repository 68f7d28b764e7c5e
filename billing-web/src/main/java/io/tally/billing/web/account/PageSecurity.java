package io.tally.billing.web.account;

import io.tally.billing.platform.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;
import jakarta.security.enterprise.identitystore.DatabaseIdentityStoreDefinition;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

/**
 * How people sign in to the pages: a Faces sign-in form (Jakarta Security's custom form), checked
 * against {@code web_user} (PBKDF2 hashes; the role is the group). The mechanism only challenges
 * the pages web.xml protects ({@code /account/*} for customers, {@code /admin/*} for admins); the
 * HTTP API under {@code /api/v1} is unprotected here and keeps its own Bearer keys.
 */
@ApplicationScoped
@CustomFormAuthenticationMechanismDefinition(
    loginToContinue = @LoginToContinue(loginPage = "/login.xhtml", useForwardToLogin = false))
@DatabaseIdentityStoreDefinition(
    dataSourceLookup = Database.JNDI_NAME,
    callerQuery = "SELECT password_hash FROM web_user WHERE email = ?",
    groupsQuery = "SELECT role FROM web_user WHERE email = ?",
    hashAlgorithm = Pbkdf2PasswordHash.class)
public class PageSecurity {}
