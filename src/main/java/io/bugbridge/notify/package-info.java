/**
 * Notifications: e-mail to customers about their tickets (public replies, status changes,
 * resolution) and e-mail plus Slack alerts for admins (urgent new tickets, SLA breaches, the weekly
 * report). Each message is queued as a durable job in the transaction of the change that caused it
 * and delivered in the background with retries. {@link io.bugbridge.notify.AdminNotifications} is
 * the module's API.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications")
package io.bugbridge.notify;
