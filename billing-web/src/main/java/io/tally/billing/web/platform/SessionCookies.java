package io.tally.billing.web.platform;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Makes the session cookie {@code Secure} on every answer when {@code tally.web.secure-cookies} is
 * true: a server behind a proxy that ends TLS sees plain HTTP, so the server's own rule (Secure
 * over TLS, in {@code listeners.asadmin}) would leave it off. SameSite and HttpOnly come from
 * {@code listeners.asadmin} and web.xml.
 */
@WebListener
public class SessionCookies implements ServletContextListener {

  @Override
  public void contextInitialized(ServletContextEvent event) {
    boolean secure =
        ConfigProvider.getConfig()
            .getOptionalValue("tally.web.secure-cookies", Boolean.class)
            .orElse(false);
    if (secure) {
      event.getServletContext().getSessionCookieConfig().setSecure(true);
    }
  }
}
