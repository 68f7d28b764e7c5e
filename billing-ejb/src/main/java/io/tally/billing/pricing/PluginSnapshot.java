package io.tally.billing.pricing;

import io.tally.billing.api.PluginView;
import io.tally.pricing.spi.PricingPlugin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What prices each family, and what the plugins page shows, at one moment. Immutable: the registry
 * swaps a whole new one in with one write, and a call reads it once, so it prices with one version
 * from start to end.
 */
record PluginSnapshot(
    Map<String, PluginLoader.Loaded> byFamily, List<PluginView> plugins, List<String> problems) {

  /** A class-path plugin as listed: its jar, that jar's digest (if it is a file) and start time. */
  record ClassPathPlugin(PluginLoader.Loaded loaded, String sha256, String loadedAt) {}

  static PluginSnapshot of(
      List<ClassPathPlugin> classPath,
      List<String> classPathProblems,
      PluginDirectory.State directory,
      List<String> directoryProblems) {
    Map<String, PluginLoader.Loaded> byFamily = new HashMap<>();
    List<PluginView> views = new ArrayList<>();
    for (ClassPathPlugin plugin : classPath) {
      plugin.loaded().plugin().families().forEach(f -> byFamily.put(f, plugin.loaded()));
      views.add(view(plugin.loaded(), plugin.sha256(), plugin.loadedAt(), PluginView.ACTIVE, null));
    }
    classPathProblems.forEach(
        problem ->
            views.add(
                new PluginView(
                    null,
                    null,
                    null,
                    List.of(),
                    "class path",
                    null,
                    null,
                    PluginView.REFUSED,
                    problem)));
    Set<String> jars = new TreeSet<>(directory.serving().keySet());
    jars.addAll(directory.onDisk().keySet());
    for (String jar : jars) {
      PluginJar serving = directory.serving().get(jar);
      PluginJar onDisk = directory.onDisk().get(jar);
      String problem = directory.problems().get(jar);
      if (serving != null) {
        String state = serving.sameAs(onDisk) ? PluginView.ACTIVE : PluginView.KEPT;
        for (PluginLoader.Loaded loaded : serving.plugins()) {
          loaded.plugin().families().forEach(f -> byFamily.put(f, loaded));
          views.add(view(loaded, serving.sha256(), at(serving), state, problem));
        }
      }
      if (onDisk != null && !onDisk.sameAs(serving)) {
        if (onDisk.plugins().isEmpty()) {
          views.add(
              new PluginView(
                  null,
                  null,
                  null,
                  List.of(),
                  jar,
                  onDisk.sha256(),
                  at(onDisk),
                  PluginView.REFUSED,
                  problem));
        }
        for (PluginLoader.Loaded loaded : onDisk.plugins()) {
          views.add(view(loaded, onDisk.sha256(), at(onDisk), PluginView.REFUSED, problem));
        }
      }
    }
    List<String> problems = new ArrayList<>(classPathProblems);
    problems.addAll(directoryProblems);
    directory.problems().forEach((jar, problem) -> problems.add(jar + ": " + problem));
    return new PluginSnapshot(Map.copyOf(byFamily), List.copyOf(views), List.copyOf(problems));
  }

  private static String at(PluginJar jar) {
    return jar.loadedAt().toString();
  }

  private static PluginView view(
      PluginLoader.Loaded loaded, String sha256, String loadedAt, String state, String problem) {
    PricingPlugin plugin = loaded.plugin();
    return new PluginView(
        plugin.id(),
        plugin.version(),
        plugin.spiVersion(),
        plugin.families().stream().sorted().toList(),
        loaded.source(),
        sha256,
        loadedAt,
        state,
        problem);
  }
}
