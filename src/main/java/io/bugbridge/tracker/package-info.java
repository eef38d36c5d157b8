/**
 * The tracker abstraction ({@link io.bugbridge.tracker.TicketTracker}) and the local tracker of the
 * embedded default.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Tracker")
package io.bugbridge.tracker;
