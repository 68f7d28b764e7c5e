package io.tally.billing.web;

import io.tally.billing.web.support.MovableClock;
import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
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
}
