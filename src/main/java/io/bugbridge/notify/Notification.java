package io.bugbridge.notify;

import java.time.Instant;

/**
 * One row of the {@code notification} table: a message to one recipient and how its delivery went.
 *
 * @param recipient an e-mail address, or {@code slack} for the admins' channel (the webhook URL is a
 * secret and is not stored)
 * @param sourceEvent what caused it, e.g. {@code comment 42} or {@code status Open -> Resolved}
 * @param subject the e-mail subject once rendered
 * @param attempts delivery attempts so far
 */
record Notification(long id, Kind kind, Channel channel, String recipient, String ticketKey, String sourceEvent,
		String subject, Status status, int attempts, String lastError, Instant created, Instant nextAttempt,
		Instant sent) {

	static final String SLACK_RECIPIENT = "slack";

	enum Status {

		/** Queued, or waiting for its next attempt. */
		PENDING,
		/** Handed to the SMTP server or accepted by Slack. */
		SENT,
		/** Given up on: the error was permanent or every attempt failed. */
		FAILED;

		String code() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}
