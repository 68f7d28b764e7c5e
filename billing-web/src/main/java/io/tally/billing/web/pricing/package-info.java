/**
 * The catalog over HTTP: models and their price sheets (read with any key, changed with the service
 * key), dated price versions, and the loaded pricing plugins.
 */
package io.tally.billing.web.pricing;
