package io.bugbridge.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Posts to the admins' Slack channel through an incoming webhook. The webhook URL is a secret (it
 * is the only credential), so it appears in no log line and no stored error.
 */
@Component
class SlackChannel {

	private static final Logger log = LoggerFactory.getLogger(SlackChannel.class);

	private final URI webhookUrl;

	/** Null when Slack is off: an HTTP client and its converters cost a start a few hundred ms. */
	private final RestClient http;

	SlackChannel(NotifyProperties properties) {
		this.webhookUrl = properties.slack().webhookUrl();
		if (webhookUrl == null) {
			this.http = null;
			log.info("Slack notifications are off: no webhook URL (set BUGBRIDGE_NOTIFY_SLACK_WEBHOOK_URL to turn them on)");
			return;
		}
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
		// A hung request would hold a job thread; a retry later is better.
		requests.setReadTimeout(Duration.ofSeconds(15));
		this.http = RestClient.builder().requestFactory(requests).build();
	}

	boolean enabled() {
		return webhookUrl != null;
	}

	void post(String text) {
		if (http == null) {
			throw new DeliveryException("Slack is off on this node (no webhook URL)", false);
		}
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("text", text);
		// Link previews of portal pages would only repeat the message.
		message.put("unfurl_links", false);
		try {
			http.post().uri(webhookUrl).contentType(MediaType.APPLICATION_JSON).body(message).retrieve().toBodilessEntity();
		}
		catch (RestClientResponseException ex) {
			int status = ex.getStatusCode().value();
			// Slack answers 4xx for a revoked webhook or archived channel: retrying cannot help.
			boolean permanent = status >= 400 && status < 500 && status != 408 && status != 429;
			throw new DeliveryException("Slack answered HTTP " + status + answer(ex), permanent);
		}
		catch (ResourceAccessException ex) {
			// Its message names the URL; only the cause is safe to keep.
			Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
			throw new DeliveryException("Slack is not reachable: " + cause.getClass().getSimpleName()
					+ (cause.getMessage() != null ? ": " + scrub(cause.getMessage()) : ""), false);
		}
		catch (RestClientException ex) {
			throw new DeliveryException("Posting to Slack failed: " + ex.getClass().getSimpleName(), false);
		}
	}

	private String answer(RestClientResponseException ex) {
		String body = ex.getResponseBodyAsString().replaceAll("\\s+", " ").trim();
		return body.isEmpty() ? "" : ": " + NotificationLog.abbreviate(scrub(body), 200);
	}

	private String scrub(String text) {
		return webhookUrl == null ? text : text.replace(webhookUrl.toString(), "<webhook>");
	}

}
