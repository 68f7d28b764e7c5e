/**
 * Fine-tuning jobs, metered while they run. A job's {@code metered_until} says how far its time has
 * been charged; each reading (at most one minute, never across a UTC midnight) is priced by the
 * finetune plugin on whole milliseconds, debited with a key naming the job and the reading's start,
 * and advances {@code metered_until} in the same transaction, so a timer firing twice charges
 * nothing twice and the readings add up to the job's duration exactly. When the account can no
 * longer pay, the job is suspended; the gateway sees it and stops the job. The metering timer
 * writes many jobs' readings per transaction ({@code ReadingGroups}: jobs locked in id order, then
 * their accounts), a completion its one job's readings one transaction each ({@code Readings}).
 */
package io.tally.billing.finetune;
