package io.tally.billing.api;

import java.util.List;

/**
 * A post-paid account's invoice for one calendar month: its usage per model, read from the daily
 * rollups, and whether it is paid.
 *
 * @param month the invoiced month, {@code "2026-10"}
 * @param status {@code OPEN} until paid, then {@code PAID}
 * @param paidAt when it was paid, or null
 */
public record InvoiceView(
    long id,
    String number,
    long accountId,
    String month,
    String status,
    List<Line> lines,
    String total,
    String issuedAt,
    String paidAt) {

  /** One model's usage in the month: calls, milliseconds, seconds and cost. */
  public record Line(
      String model, long calls, long totalDurationMs, String seconds, String amount) {}
}
