package io.tally.billing.web.platform;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import org.glassfish.grizzly.Transport;
import org.glassfish.grizzly.filterchain.FilterChain;

/**
 * The filter chains of Payara's running HTTP listeners, reached through Payara's internals by
 * reflection: {@code Globals.getDefaultHabitat()}, {@code
 * GrizzlyService.lookupNetworkProxy(listener)}, {@code
 * GrizzlyProxy.getUnderlyingListener().getTransport().getProcessor()}. Payara's network-config
 * cannot add a filter to an HTTP protocol (its protocol-filter elements serve only protocols
 * without an {@code http} element). Only {@link MalformedPaths} calls it, and catches the {@link
 * LinkageError} of a server without Grizzly.
 */
final class GrizzlyChains {

  private static final String WEB_SERVER_FILTER =
      "org.glassfish.grizzly.http.server.HttpServerFilter";

  private GrizzlyChains() {}

  /** Puts a fresh filter before the web server filter of each chain; answers how many. */
  static int install(String contextPath) throws ReflectiveOperationException {
    int installed = 0;
    for (FilterChain chain : httpChains()) {
      removeFrom(chain);
      for (int i = 0; i < chain.size(); i++) {
        if (chain.get(i).getClass().getName().equals(WEB_SERVER_FILTER)) {
          chain.add(i, new MalformedPathFilter(contextPath));
          installed++;
          break;
        }
      }
    }
    return installed;
  }

  static void uninstall() throws ReflectiveOperationException {
    httpChains().forEach(GrizzlyChains::removeFrom);
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
