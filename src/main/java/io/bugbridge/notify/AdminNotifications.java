package io.bugbridge.notify;

import java.time.Instant;

/**
 * Alerts for the people who run the desk, sent by e-mail to the configured admin recipients and to
 * the admins' Slack channel. Both methods only queue: delivery happens in the background, with
 * retries, and is part of the caller's transaction (nothing is sent if the caller rolls back).
 * Either does nothing while no admin channel is configured.
 */
public interface AdminNotifications {

	/**
	 * A ticket missed an SLA target. Reporting the same breach again (same ticket, target and due
	 * time) does nothing, so a periodic check may report every breach it sees on every run.
	 * @param ticketKey the ticket (any key it has had)
	 * @param target what was missed, as people say it, e.g. {@code first response} or {@code resolution}
	 * @param due when the target was due
	 * @throws io.bugbridge.ticket.TicketNotFoundException if there is no such ticket
	 */
	void slaBreached(String ticketKey, String target, Instant due);

	/**
	 * Sends the weekly report: by e-mail with the HTML as the body and the Markdown as its
	 * plain-text alternative, and the Markdown (shortened if long) to Slack.
	 * @param subject the e-mail subject and Slack headline
	 * @param markdown the report as Markdown
	 * @param html the same report as HTML; it is sent as given, so it must already escape any text
	 * that came from users
	 */
	void weeklyReport(String subject, String markdown, String html);

}
