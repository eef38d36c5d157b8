/**
 * Jira Cloud two-way sync, on when {@code JIRA_URL} is set: an outbox delivers local changes to
 * Jira in order per ticket; signed webhooks and a reconciliation job bring Jira's changes back.
 * API: {@link io.bugbridge.jira.JiraDoctor} (checks behind {@code doctor} and the admin health).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Jira sync")
package io.bugbridge.jira;
