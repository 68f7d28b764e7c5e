package io.tally.pricing.tck;

import java.util.ArrayList;
import java.util.List;
import org.opentest4j.AssertionFailedError;

/**
 * The problems one check found. A check reports all of them at once, so a plugin author fixes a
 * family of mistakes in one go rather than one failure per run.
 */
final class Problems {

  private static final int SHOWN = 25;

  private final String check;
  private final List<String> found = new ArrayList<>();

  Problems(String check) {
    this.check = check;
  }

  void add(String problem) {
    synchronized (found) {
      found.add(problem);
    }
  }

  boolean isEmpty() {
    synchronized (found) {
      return found.isEmpty();
    }
  }

  /** Fails the check, listing what it found, unless it found nothing. */
  void throwIfAny() {
    synchronized (found) {
      if (found.isEmpty()) {
        return;
      }
      StringBuilder message = new StringBuilder(check).append(": ").append(found.size());
      message.append(found.size() == 1 ? " problem" : " problems");
      found.stream().limit(SHOWN).forEach(problem -> message.append("\n  - ").append(problem));
      if (found.size() > SHOWN) {
        message.append("\n  … and ").append(found.size() - SHOWN).append(" more");
      }
      throw new AssertionFailedError(message.toString());
    }
  }
}
