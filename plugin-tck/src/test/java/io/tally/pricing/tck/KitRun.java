package io.tally.pricing.tck;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** The kit run on one plugin's test class: which checks passed, and how the others failed. */
record KitRun(Set<String> passed, Map<String, String> failed) {

  static KitRun of(Class<? extends PricingPluginTck> kit) {
    Set<String> passed = ConcurrentHashMap.newKeySet();
    Map<String, String> failed = new ConcurrentHashMap<>();
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request().selectors(selectClass(kit)).build();
    LauncherFactory.create()
        .execute(
            request,
            new TestExecutionListener() {
              @Override
              public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (!test.isTest()
                    || !(test.getSource().orElse(null) instanceof MethodSource method)) {
                  return;
                }
                if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                  passed.add(method.getMethodName());
                } else {
                  failed.put(
                      method.getMethodName(),
                      result.getThrowable().map(Throwable::getMessage).orElse("no message"));
                }
              }
            });
    return new KitRun(Set.copyOf(passed), new TreeMap<>(failed));
  }

  /** The failure message of one check, which must have failed. */
  String failure(String check) {
    String message = failed.get(check);
    if (message == null) {
      throw new AssertionError(check + " passed, but must fail; failed: " + failed.keySet());
    }
    return message;
  }
}
