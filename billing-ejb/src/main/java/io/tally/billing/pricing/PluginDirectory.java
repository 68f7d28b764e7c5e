package io.tally.billing.pricing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The jars of the plugin directory, and which version of each one serves. A scan compares the
 * directory with what serves and changes only what it may:
 *
 * <ul>
 *   <li>a new or replaced jar serves once it loads, passes its checks and claims no family or
 *       plugin id that another plugin (class path or another jar) has; otherwise it is refused, and
 *       the version it would replace keeps serving;
 *   <li>a removed jar stops serving only when no model uses its families; otherwise it keeps
 *       serving, and so does an old version whose replacement drops a family that models use.
 * </ul>
 *
 * Not thread-safe: the registry runs one scan at a time and publishes what it gives.
 */
final class PluginDirectory {

  /** What a scan left serving, by jar file name, and why a jar is refused or kept. */
  record State(
      Map<String, PluginJar> serving, Map<String, PluginJar> onDisk, Map<String, String> problems) {

    static final State EMPTY = new State(Map.of(), Map.of(), Map.of());
  }

  private final Path directory;
  private final Path cache;
  private final Map<String, PluginLoader.Loaded> classPath;
  private State state = State.EMPTY;
  private String scannedListing = "";

  PluginDirectory(Path directory, Path cache, Map<String, PluginLoader.Loaded> classPath) {
    this.directory = directory;
    this.cache = cache;
    this.classPath = Map.copyOf(classPath);
  }

  Path directory() {
    return directory;
  }

  State state() {
    return state;
  }

  /** Whether a jar's name, size or time changed since the last scan: cheap, for the poll. */
  boolean changed() {
    return !listing().equals(scannedListing);
  }

  /**
   * Scans the directory; {@code inUse} answers which of some families models use. Returns what
   * changed, one line each.
   */
  List<String> scan(Instant now, Function<Set<String>, Set<String>> inUse) {
    scannedListing = listing();
    Map<String, PluginJar> onDisk = new TreeMap<>();
    jars().forEach(file -> onDisk.put(file.getFileName().toString(), read(file, now)));
    Map<String, PluginJar> before = state.serving();
    Map<String, PluginJar> next = new TreeMap<>(before);
    Map<String, String> problems = new TreeMap<>();
    next.keySet().retainAll(onDisk.keySet());
    List<String> pending = new ArrayList<>();
    onDisk.forEach(
        (jar, version) -> {
          if (!version.sameAs(before.get(jar))) {
            if (version.loaded()) {
              pending.add(jar);
            } else {
              problems.put(jar, version.refusal() + keeps(before.get(jar)));
            }
          }
        });
    admit(pending, onDisk, next, problems);
    keepUsedFamilies(before, next, onDisk, problems, inUse);
    if (conflicts(next)) {
      next = new TreeMap<>(before);
      for (String jar : pending) {
        problems.put(
            jar,
            "not applied: it would leave a family that models use unpriced, or claimed twice;"
                + " change the directory in one step");
      }
    }
    state = new State(Map.copyOf(next), Map.copyOf(onDisk), Map.copyOf(problems));
    return changes(before, next);
  }

  /**
   * Lets each loaded new version serve when it clashes with nothing; again while one gets in, so
   * that the order of names does not matter.
   */
  private void admit(
      List<String> pending,
      Map<String, PluginJar> onDisk,
      Map<String, PluginJar> next,
      Map<String, String> problems) {
    boolean progress = true;
    while (progress) {
      progress = false;
      for (var jars = pending.iterator(); jars.hasNext(); ) {
        String jar = jars.next();
        String clash = clash(onDisk.get(jar), next);
        if (clash == null) {
          next.put(jar, onDisk.get(jar));
          problems.remove(jar);
          jars.remove();
          progress = true;
        } else {
          problems.put(jar, clash + keeps(next.get(jar)));
        }
      }
    }
  }

  /** Puts back an old version whose family a model uses and nothing else prices now. */
  private static void keepUsedFamilies(
      Map<String, PluginJar> before,
      Map<String, PluginJar> next,
      Map<String, PluginJar> onDisk,
      Map<String, String> problems,
      Function<Set<String>, Set<String>> inUse) {
    Set<String> lost = families(before.values());
    lost.removeAll(families(next.values()));
    if (lost.isEmpty()) {
      return;
    }
    Set<String> used = inUse.apply(Set.copyOf(lost));
    before.forEach(
        (jar, old) -> {
          Set<String> needed = new TreeSet<>(families(List.of(old)));
          needed.retainAll(used);
          needed.removeAll(families(next.values()));
          if (needed.isEmpty()) {
            return;
          }
          PluginJar replacement = next.put(jar, old);
          problems.put(
              jar,
              (onDisk.containsKey(jar)
                      ? describe(replacement != null ? replacement : onDisk.get(jar))
                          + " drops family "
                      : "was removed from the directory, but models use family ")
                  + String.join(", ", needed)
                  + keeps(old));
        });
  }

  /** Why {@code candidate} may not serve beside {@code next} and the class path, or null. */
  private String clash(PluginJar candidate, Map<String, PluginJar> next) {
    Set<String> ownFamilies = new HashSet<>();
    for (PluginLoader.Loaded plugin : candidate.plugins()) {
      for (String family : plugin.plugin().families()) {
        if (!ownFamilies.add(family)) {
          return "claims family '" + family + "' twice";
        }
        PluginLoader.Loaded owner = classPath.get(family);
        if (owner != null) {
          return claimed(family, owner);
        }
        for (PluginJar other : next.values()) {
          if (!other.jar().equals(candidate.jar())) {
            for (PluginLoader.Loaded loaded : other.plugins()) {
              if (loaded.plugin().families().contains(family)) {
                return claimed(family, loaded);
              }
              if (loaded.plugin().id().equals(plugin.plugin().id())) {
                return "holds plugin '"
                    + plugin.plugin().id()
                    + "', which is already loaded from "
                    + other.jar()
                    + " (to replace it, replace that file, or remove it in the same step)";
              }
            }
          }
        }
      }
    }
    return null;
  }

  private static String claimed(String family, PluginLoader.Loaded owner) {
    return "claims family '"
        + family
        + "', which plugin "
        + owner.plugin().id()
        + " ("
        + owner.source()
        + ") prices";
  }

  private boolean conflicts(Map<String, PluginJar> next) {
    Set<String> seen = new HashSet<>(classPath.keySet());
    for (PluginJar jar : next.values()) {
      for (String family : families(List.of(jar))) {
        if (!seen.add(family)) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<String> changes(Map<String, PluginJar> before, Map<String, PluginJar> next) {
    Set<String> jars = new TreeSet<>(before.keySet());
    jars.addAll(next.keySet());
    List<String> changes = new ArrayList<>();
    for (String jar : jars) {
      PluginJar old = before.get(jar);
      PluginJar now = next.get(jar);
      if (old == null) {
        changes.add("loaded " + describe(now));
      } else if (now == null) {
        changes.add("unloaded " + describe(old));
      } else if (!now.sameAs(old)) {
        changes.add("replaced " + describe(old) + " by " + describe(now));
      }
    }
    return changes;
  }

  /** For a problem's end: the version that keeps serving instead, if any. */
  private static String keeps(PluginJar serving) {
    return serving == null ? "" : "; " + describe(serving) + " keeps serving";
  }

  static String describe(PluginJar jar) {
    List<String> plugins =
        jar.plugins().stream()
            .map(loaded -> loaded.plugin().id() + " " + loaded.plugin().version())
            .toList();
    return (plugins.isEmpty() ? "" : String.join(", ", plugins) + " ")
        + "("
        + jar.jar()
        + (jar.sha256().isEmpty() ? "" : ", sha256 " + jar.sha256().substring(0, 12))
        + ")";
  }

  static Set<String> families(Collection<PluginJar> jars) {
    Set<String> families = new TreeSet<>();
    jars.forEach(jar -> jar.plugins().forEach(p -> families.addAll(p.plugin().families())));
    return families;
  }

  /** The version on disk now: the one read before if its content is the same. */
  private PluginJar read(Path file, Instant now) {
    PluginJar known = state.onDisk().get(file.getFileName().toString());
    if (known != null && known.sha256().equals(PluginJar.sha256Of(file))) {
      return known;
    }
    return PluginJar.open(file, cache, now);
  }

  private List<Path> jars() {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(file -> file.getFileName().toString().endsWith(".jar"))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Names, sizes and modification times of the jars, or why there are none. */
  private String listing() {
    if (!Files.isDirectory(directory)) {
      return "missing";
    }
    StringBuilder listing = new StringBuilder();
    for (Path jar : jars()) {
      try {
        listing
            .append(jar.getFileName())
            .append(' ')
            .append(Files.size(jar))
            .append(' ')
            .append(Files.getLastModifiedTime(jar).toMillis())
            .append('\n');
      } catch (IOException e) {
        listing.append(jar.getFileName()).append(" unreadable\n");
      }
    }
    return listing.toString();
  }
}
