/**
 * The customer API of the client portal: filing bug reports, feature requests and support tickets,
 * listing one's tickets, reading and replying to them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Customer portal API")
package io.bugbridge.portal;
