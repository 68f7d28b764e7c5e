package io.tally.billing.web.platform;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Puts a {@link MalformedPathFilter} into each running HTTP listener of Payara when Tally starts,
 * and takes it out when Tally stops (a redeployment puts a fresh one in). {@link GrizzlyChains}
 * does the work; this class names no Grizzly type, so that a server without Grizzly (WildFly) can
 * still load it: there it logs that the connector answers malformed paths itself.
 */
@WebListener
public class MalformedPaths implements ServletContextListener {

  private static final Logger LOG = Logger.getLogger(MalformedPaths.class.getName());

  @Override
  public void contextInitialized(ServletContextEvent event) {
    try {
      if (GrizzlyChains.install(event.getServletContext().getContextPath()) == 0) {
        LOG.warning("no HTTP listener for the malformed-path filter; the connector answers");
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      LOG.log(Level.WARNING, "cannot install the malformed-path filter; the connector answers", e);
    }
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    try {
      GrizzlyChains.uninstall();
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      LOG.log(Level.FINE, "cannot remove the malformed-path filter", e);
    }
  }
}
