package io.bugbridge.notify;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Notifications. E-mail itself is configured with Spring's {@code spring.mail.*}
 * ({@code SPRING_MAIL_HOST}, ...): without a host there is no e-mail.
 *
 * @param from sender of every e-mail, e.g. {@code BugBridge <support@example.com>}
 * @param adminRecipients who gets admin e-mails (urgent new tickets, SLA breaches, weekly report)
 * @param portalUrl base of the links in e-mails ({@code <portal>/tickets/AURA-1}); unset, the
 * service's {@code bugbridge.public-url}
 * @param slack the admins' Slack channel
 * @param retry how failed deliveries are retried
 */
@Validated
@ConfigurationProperties("bugbridge.notify")
record NotifyProperties(@DefaultValue("BugBridge <bugbridge@localhost>") @NotBlank String from,
		@DefaultValue List<String> adminRecipients, URI portalUrl, @DefaultValue Slack slack,
		@DefaultValue @Valid Retry retry) {

	NotifyProperties {
		// A list from an environment variable may carry blanks ("a@x.com, ,b@y.com" or just "").
		adminRecipients = adminRecipients.stream().map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
	}

	/** @param webhookUrl a Slack incoming-webhook URL; a secret, never logged. Unset, no Slack. */
	record Slack(URI webhookUrl) {
	}

	/**
	 * Failed deliveries are tried again after {@code initialBackoff}, doubling up to
	 * {@code maxBackoff}, until {@code maxAttempts} attempts have failed; then the notification is
	 * marked failed and logged as an error.
	 */
	record Retry(@DefaultValue("10") @Min(1) int maxAttempts, @DefaultValue("30s") Duration initialBackoff,
			@DefaultValue("1h") Duration maxBackoff) {

		/** The wait after the given number of failed attempts (1 for the first). */
		Duration backoffAfter(int failedAttempts) {
			Duration wait = initialBackoff;
			for (int i = 1; i < failedAttempts && wait.compareTo(maxBackoff) < 0; i++) {
				wait = wait.multipliedBy(2);
			}
			return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
		}

	}

}
