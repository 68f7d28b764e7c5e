package io.tally.billing.api;

import java.util.Map;

/** A model as an admin defines it: family (which plugin prices it), names, and its price sheet. */
public record ModelDefinition(
    String family, String name, String gpu, Map<String, Object> pricing) {}
