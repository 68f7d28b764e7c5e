/**
 * Usage: quotes, authorizations (holds) and charges for calls and workflow runs, and the per-day
 * rollups the usage reports read. A requestId is charged at most once per account; a replay answers
 * the first charge.
 */
package io.tally.billing.usage;
