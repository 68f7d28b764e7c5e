/**
 * An account's notifications and its webhook endpoint, for the account itself or the service. The
 * webhook's signing secret is answered once, when the endpoint is created. The billing page lists
 * the latest notifications through the same service.
 */
package io.tally.billing.web.notification;
