package io.tally.billing.notification;

import io.tally.billing.api.BillingException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Webhooks call customers' servers, not Tally's neighbours: a URL that points at a loopback,
 * private, link-local (cloud metadata) or otherwise internal address is refused when registered (as
 * far as the URL shows it) and again when called (after resolving the host, so a name that resolves
 * inward is caught too). A deployment whose receivers live on its own network turns this off with
 * {@code tally.webhooks.allow-private-addresses}.
 */
@ApplicationScoped
public class WebhookTargets {

  private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

  @Inject
  @ConfigProperty(name = "tally.webhooks.allow-private-addresses", defaultValue = "false")
  boolean allowPrivate;

  /** Refuses (400 naming {@code url}) a URL whose host is literally an internal address. */
  void checkRegistered(URI url) {
    if (allowPrivate) {
      return;
    }
    String host = url.getHost().toLowerCase(Locale.ROOT);
    boolean inward = host.equals("localhost") || host.endsWith(".localhost");
    if (!inward && (IPV4.matcher(host).matches() || host.startsWith("["))) {
      try {
        inward = isInternal(InetAddress.getByName(host.replace("[", "").replace("]", "")));
      } catch (UnknownHostException malformed) {
        throw BillingException.invalid("url", "url has a malformed IP address");
      }
    }
    if (inward) {
      throw BillingException.invalid(
          "url", "url must not point at a loopback, private or link-local address");
    }
  }

  /** Refuses a call to a host that resolves, now, to an internal address. */
  void checkReachable(URI url) throws IOException {
    if (allowPrivate) {
      return;
    }
    for (InetAddress address : InetAddress.getAllByName(url.getHost())) {
      if (isInternal(address)) {
        throw new IOException(
            "the webhook's host resolves to an internal address ("
                + address.getHostAddress()
                + ")");
      }
    }
  }

  static boolean isInternal(InetAddress address) {
    byte[] bytes = address.getAddress();
    boolean uniqueLocalV6 = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
    boolean sharedV4 = bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
    return address.isLoopbackAddress()
        || address.isSiteLocalAddress()
        || address.isLinkLocalAddress()
        || address.isAnyLocalAddress()
        || address.isMulticastAddress()
        || uniqueLocalV6
        || sharedV4;
  }
}
