package io.tally.billing.api;

import java.util.List;

/** The pricing plugins: what serves, what was refused, and a rescan of the plugin directory. */
public interface PluginService {

  /** Every plugin and refused jar, class path first, then the directory's jars by file name. */
  List<PluginView> plugins();

  /** Rescans the plugin directory now and swaps in what it may (an admin action, audited). */
  PluginReload reload();
}
