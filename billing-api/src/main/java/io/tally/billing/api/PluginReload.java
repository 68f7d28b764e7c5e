package io.tally.billing.api;

import java.util.List;

/** What a rescan of the plugin directory changed (one line each), and the plugins after it. */
public record PluginReload(List<String> changes, List<PluginView> plugins) {}
