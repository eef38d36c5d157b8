package io.bugbridge.jira;

import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.bugbridge.tracker.TrackerSelection;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/jira/webhook}: Jira's admin webhook. Authenticated by its HMAC signature, not
 * a JWT. Answers 401 for unsigned or forged deliveries, 200 once a delivery is applied (or known),
 * and 503 when Jira could not be re-read, so that Jira delivers it again.
 */
@RestController
@Conditional(TrackerSelection.JiraConfigured.class)
@Tag(name = "Jira", description = "Jira webhook and admin checks")
class JiraWebhookController {

	private static final Logger log = LoggerFactory.getLogger(JiraWebhookController.class);

	private final JiraProperties properties;

	private final WebhookProcessor processor;

	JiraWebhookController(JiraProperties properties, WebhookProcessor processor) {
		this.properties = properties;
		this.processor = processor;
	}

	@Operation(summary = "Jira webhook (signed with the webhook secret)")
	@PostMapping("/api/jira/webhook")
	ResponseEntity<Map<String, String>> receive(@RequestBody(required = false) byte[] body,
			@RequestHeader(name = WebhookSignature.HEADER, required = false) String signature,
			@RequestHeader(name = "X-Atlassian-Webhook-Identifier", required = false) String deliveryId) {
		byte[] raw = body == null ? new byte[0] : body;
		if (!WebhookSignature.valid(properties.webhookSecret(), raw, signature)) {
			if (properties.webhookSecret() == null) {
				log.warn("A Jira webhook was refused: JIRA_WEBHOOK_SECRET is not set, so no delivery can be verified");
			}
			throw unauthorized(signature == null ? "The delivery is not signed (X-Hub-Signature is missing)."
					: "The delivery's signature does not match the webhook secret.");
		}
		JsonNode event;
		try {
			event = JiraClient.JSON.readTree(raw);
		}
		catch (JacksonException ex) {
			throw new ErrorResponseException(HttpStatus.BAD_REQUEST,
					ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The delivery is not valid JSON."), ex);
		}
		try {
			WebhookProcessor.Outcome outcome = processor.process(event, deliveryId);
			return ResponseEntity.ok(Map.of("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)));
		}
		catch (JiraUnavailableException ex) {
			log.info("Jira webhook {} not applied yet, Jira will deliver it again: {}", deliveryId, ex.getMessage());
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					"Jira could not be read back; deliver again later.");
			throw new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, ex);
		}
	}

	private static ErrorResponseException unauthorized(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
		problem.setTitle("Unauthorized");
		return new ErrorResponseException(HttpStatus.UNAUTHORIZED, problem, null);
	}

}
