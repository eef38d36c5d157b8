/**
 * Service-level agreements: first-response and resolution clocks per ticket, paused while waiting
 * for the customer, optionally counting business hours only, and breach reporting.
 */
@org.springframework.modulith.ApplicationModule(displayName = "SLA")
package io.bugbridge.sla;
