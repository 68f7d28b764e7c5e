package io.tally.pricing.spi;

import java.util.List;
import java.util.Set;

/**
 * Prices the calls of one or more model families.
 *
 * <p>A plugin is found by {@link java.util.ServiceLoader}: its jar lists the implementation in
 * {@code META-INF/services/io.tally.pricing.spi.PricingPlugin}. It must be pure: no I/O, no clock,
 * no state. The server hands it a model's price sheet and a call's usage facts and gets back a
 * quote; the same inputs must always give the same quote, so that quotes and charges agree.
 *
 * <p>The SPI is versioned {@code major.minor}. A minor version adds only {@code default} methods
 * and optional values, so a plugin built against an older minor version keeps loading; anything
 * else is a new major version, and the server refuses plugins built for another major version, or
 * for a newer minor version than its own, by name (see {@link SpiVersion}).
 */
public interface PricingPlugin {

  /**
   * The SPI version this contract describes. Being a compile-time constant, it is copied into a
   * plugin's own class when the plugin returns it from {@link #spiVersion()}.
   */
  String SPI_VERSION = "2.1";

  /**
   * A stable identifier, recorded on every charge this plugin prices (for example {@code image}).
   */
  String id();

  /** The plugin's own version, recorded on every charge it prices. */
  String version();

  /**
   * The SPI version the plugin was compiled against. Implement it as {@code return SPI_VERSION;}:
   * the compiler writes the value of the SPI jar on the plugin's build path into the plugin's
   * class, so the server reads what the plugin was really built for.
   */
  String spiVersion();

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

  /**
   * The price in words, for people: one line per product, such as "$0.003 per image up to
   * 1024×1024, more for larger images". The sheet has passed {@link #validate}. Since SPI 2.1; a
   * plugin that does not describe its sheets shows none.
   */
  default List<String> describe(PriceSheet sheet) {
    return List.of();
  }

  /**
   * The modes this plugin prices, with their sheet fields and call parameters, so that an editor
   * can draw a form and a test kit can check bounds. Since SPI 2.1; empty when a plugin does not
   * say.
   */
  default List<Mode> modes() {
    return List.of();
  }
}
