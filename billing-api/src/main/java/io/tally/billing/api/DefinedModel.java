package io.tally.billing.api;

/** A model after {@code PUT /models/{id}}, and whether that call created it. */
public record DefinedModel(ModelView model, boolean created) {}
