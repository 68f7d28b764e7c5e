package io.tally.billing.web;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The application under test: the WAR the build made, plus the test's movable clock. */
public final class Deployments {

  private Deployments() {}

  public static WebArchive tally() {
    File war = new File(System.getProperty("tally.war", "target/tally.war"));
    return ShrinkWrap.createFromZipFile(WebArchive.class, war)
        .addClasses(MovableClock.class, TestClockResource.class);
  }
}
