/**
 * The demo's data, seeded only when {@code tally.demo.enabled} is true (the README's run command
 * sets it). It goes through the same services as the API, so the demo obeys every rule.
 */
package io.tally.billing.demo;
