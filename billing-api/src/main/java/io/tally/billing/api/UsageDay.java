package io.tally.billing.api;

/** What one model cost an account on one UTC day ({@code day} as 2026-05-01). */
public record UsageDay(String day, String model, String amount) {}
