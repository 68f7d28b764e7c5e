package io.tally.billing.web;

import io.tally.billing.web.support.FaultyPricing;
import io.tally.billing.web.support.MovableClock;
import io.tally.pricing.spi.PricingPlugin;
import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The application under test: the WAR the build made, plus the test-support package (the movable
 * clock and the resources that move it or run a timer's work).
 */
public final class Deployments {

  private Deployments() {}

  public static WebArchive tally() {
    File war = new File(System.getProperty("tally.war", "target/tally.war"));
    return ShrinkWrap.createFromZipFile(WebArchive.class, war)
        .addPackage(MovableClock.class.getPackage());
  }

  /**
   * The application with the test plugin that misbehaves on demand ({@link FaultyPricing}) listed
   * as a service, so it loads beside the four shipped plugins. Only the IT of pricing faults uses
   * it; the other deployments keep exactly the shipped plugins.
   */
  public static WebArchive withFaultyPlugin() {
    return tally()
        .addAsResource(
            new StringAsset(FaultyPricing.class.getName() + "\n"),
            "META-INF/services/" + PricingPlugin.class.getName());
  }
}
