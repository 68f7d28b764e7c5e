package io.tally.billing.web.platform;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.Transport;
import org.glassfish.grizzly.filterchain.FilterChain;

/**
 * Puts a {@link MalformedPathFilter} into each running HTTP listener of Payara Micro when Tally
 * starts, and takes it out when Tally stops (a redeployment puts a fresh one in). Payara's
 * network-config cannot add a filter to an HTTP protocol (its protocol-filter elements serve only
 * protocols without an {@code http} element), so this walks Payara's internals by reflection:
 * {@code Globals.getDefaultHabitat()}, {@code GrizzlyService.lookupNetworkProxy(listener)}, {@code
 * GrizzlyProxy.getUnderlyingListener().getTransport().getProcessor()}. If those change, it logs a
 * warning and the connector answers malformed paths as before (an empty 400 or 200).
 */
@WebListener
public class MalformedPaths implements ServletContextListener {

  private static final Logger LOG = Logger.getLogger(MalformedPaths.class.getName());
  private static final String WEB_SERVER_FILTER =
      "org.glassfish.grizzly.http.server.HttpServerFilter";

  @Override
  public void contextInitialized(ServletContextEvent event) {
    try {
      int installed = 0;
      for (FilterChain chain : httpChains()) {
        removeFrom(chain);
        for (int i = 0; i < chain.size(); i++) {
          if (chain.get(i).getClass().getName().equals(WEB_SERVER_FILTER)) {
            chain.add(i, new MalformedPathFilter(event.getServletContext().getContextPath()));
            installed++;
            break;
          }
        }
      }
      if (installed == 0) {
        LOG.warning("no HTTP listener for the malformed-path filter; the connector answers");
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      LOG.log(Level.WARNING, "cannot install the malformed-path filter; the connector answers", e);
    }
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    try {
      httpChains().forEach(MalformedPaths::removeFrom);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      LOG.log(Level.FINE, "cannot remove the malformed-path filter", e);
    }
  }

  /** Any filter of this name, also one left by an earlier deployment (another class loader). */
  private static void removeFrom(FilterChain chain) {
    for (int i = chain.size() - 1; i >= 0; i--) {
      if (chain.get(i).getClass().getName().equals(MalformedPathFilter.class.getName())) {
        chain.remove(i);
      }
    }
  }

  /** The filter chains of Payara's running network listeners, each once. */
  private static List<FilterChain> httpChains() throws ReflectiveOperationException {
    ClassLoader loader = Transport.class.getClassLoader();
    Class<?> globals = Class.forName("org.glassfish.internal.api.Globals", true, loader);
    Object habitat = globals.getMethod("getDefaultHabitat").invoke(null);
    Class<?> locator = Class.forName("org.glassfish.hk2.api.ServiceLocator", true, loader);
    Class<?> grizzlyService =
        Class.forName("com.sun.enterprise.v3.services.impl.GrizzlyService", true, loader);
    Class<?> listenerConfig =
        Class.forName("org.glassfish.grizzly.config.dom.NetworkListener", true, loader);
    Object service =
        locator
            .getMethod("getService", Class.class, Annotation[].class)
            .invoke(habitat, grizzlyService, new Annotation[0]);
    List<?> listeners =
        (List<?>)
            locator
                .getMethod("getAllServices", Class.class, Annotation[].class)
                .invoke(habitat, listenerConfig, new Annotation[0]);
    List<FilterChain> chains = new ArrayList<>();
    for (Object listener : listeners) {
      Object proxy =
          grizzlyService.getMethod("lookupNetworkProxy", listenerConfig).invoke(service, listener);
      if (proxy == null) {
        continue; // a listener that is not running (https-listener is off by default)
      }
      Object grizzly = proxy.getClass().getMethod("getUnderlyingListener").invoke(proxy);
      Transport transport =
          (Transport) grizzly.getClass().getMethod("getTransport").invoke(grizzly);
      if (transport.getProcessor() instanceof FilterChain chain
          && chains.stream().noneMatch(known -> known == chain)) {
        chains.add(chain);
      }
    }
    return chains;
  }
}
