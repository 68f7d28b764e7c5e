/**
 * What callers of Tally see: requests, views and error codes, free of JPA, EJB, JAX-RS and Faces.
 * Amounts in views are decimal strings with six places; the services behind these types live in
 * billing-ejb.
 */
package io.tally.billing.api;
