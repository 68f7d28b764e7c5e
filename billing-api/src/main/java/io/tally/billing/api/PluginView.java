package io.tally.billing.api;

import java.util.List;

/** A loaded pricing plugin and the jar it came from. */
public record PluginView(
    String id, String version, String spiVersion, List<String> families, String source) {}
