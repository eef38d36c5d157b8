package io.bugbridge.security;

/**
 * A signed-in browser user, however they signed in (form or OpenID Connect): carries the same
 * {@link Caller} an API token would, so the pages and the API apply one set of rules.
 */
interface CallerPrincipal {

	Caller caller();

}
