/**
 * The admin console's API: ticket search and management, statistics, and the stale-ticket,
 * weekly-report and statistics jobs.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Admin")
package io.bugbridge.admin;
