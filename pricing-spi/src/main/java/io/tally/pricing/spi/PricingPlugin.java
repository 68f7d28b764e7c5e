package io.tally.pricing.spi;

import java.util.Set;

/**
 * Prices the calls of one or more model families.
 *
 * <p>A plugin is found by {@link java.util.ServiceLoader}: its jar lists the implementation in
 * {@code META-INF/services/io.tally.pricing.spi.PricingPlugin}. It must be pure: no I/O, no clock,
 * no state. The server hands it a model's price sheet and a call's usage facts and gets back a
 * quote; the same inputs must always give the same quote, so that quotes and charges agree.
 *
 * <p>New methods arrive as {@code default} methods, so a plugin built against an older API version
 * keeps loading.
 */
public interface PricingPlugin {

  /** The API version this contract describes. The server refuses plugins built for another one. */
  int API_VERSION = 1;

  /**
   * A stable identifier, recorded on every charge this plugin prices (for example {@code image}).
   */
  String id();

  /** The plugin's own version, recorded on every charge it prices. */
  String version();

  /** The {@link #API_VERSION} the plugin was compiled against. */
  default int apiVersion() {
    return API_VERSION;
  }

  /** The model families this plugin prices. Two loaded plugins may not claim the same family. */
  Set<String> families();

  /**
   * Checks a price sheet before the server stores it.
   *
   * @throws PricingException naming the sheet field at fault ({@code pricing.ratePerSecond})
   */
  void validate(PriceSheet sheet);

  /**
   * Prices one call.
   *
   * @throws PricingException naming the call parameter at fault ({@code parameters.width})
   */
  Quote price(PriceSheet sheet, UsageFacts usage);
}
