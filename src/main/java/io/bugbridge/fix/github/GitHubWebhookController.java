package io.bugbridge.fix.github;

import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * {@code POST /api/github/webhook}: the repository webhook (content type {@code application/json}).
 * Authenticated by its HMAC signature, not a JWT. 401 for unsigned or forged deliveries (and for
 * all while no secret is set), 400 for a body that is not JSON, 202 for event types it does not
 * handle, 200 otherwise, a redelivery included.
 */
@RestController
@Tag(name = "GitHub", description = "GitHub webhook for Auto-Fix pull requests")
class GitHubWebhookController {

	private static final Logger log = LoggerFactory.getLogger(GitHubWebhookController.class);

	private final GitHubProperties properties;

	private final GitHubWebhookProcessor processor;

	GitHubWebhookController(GitHubProperties properties, GitHubWebhookProcessor processor) {
		this.properties = properties;
		this.processor = processor;
	}

	@Operation(summary = "GitHub webhook (signed with the webhook secret)")
	@PostMapping("/api/github/webhook")
	ResponseEntity<Map<String, String>> receive(@RequestBody(required = false) byte[] body,
			@RequestHeader(name = GitHubWebhookSignature.HEADER, required = false) String signature,
			@RequestHeader(name = "X-GitHub-Event", required = false) String event,
			@RequestHeader(name = "X-GitHub-Delivery", required = false) String deliveryId) {
		byte[] raw = body == null ? new byte[0] : body;
		if (properties.webhookSecret() == null) {
			log.warn("A GitHub webhook was refused: GITHUB_WEBHOOK_SECRET is not set, so no delivery can be verified");
			throw problem(HttpStatus.UNAUTHORIZED, "GITHUB_WEBHOOK_SECRET is not set, so no delivery is accepted.");
		}
		if (!GitHubWebhookSignature.valid(properties.webhookSecret(), raw, signature)) {
			throw problem(HttpStatus.UNAUTHORIZED, signature == null
					? "The delivery is not signed (" + GitHubWebhookSignature.HEADER + " is missing)."
					: "The delivery's signature does not match the webhook secret.");
		}
		if (event == null || event.isBlank()) {
			throw problem(HttpStatus.BAD_REQUEST, "X-GitHub-Event is missing.");
		}
		JsonNode payload;
		try {
			payload = GitHubJson.MAPPER.readTree(raw);
		}
		catch (JacksonException ex) {
			throw problem(HttpStatus.BAD_REQUEST, "The delivery is not valid JSON (set the webhook's content type"
					+ " to application/json).");
		}
		if (payload == null || !payload.isObject()) {
			throw problem(HttpStatus.BAD_REQUEST, "The delivery is not a JSON object.");
		}
		GitHubWebhookProcessor.Outcome outcome = processor.process(event.trim(), deliveryId, payload);
		HttpStatus status = outcome == GitHubWebhookProcessor.Outcome.IGNORED ? HttpStatus.ACCEPTED : HttpStatus.OK;
		return ResponseEntity.status(status).body(Map.of("outcome", outcome.name().toLowerCase(Locale.ROOT)));
	}

	private static ErrorResponseException problem(HttpStatus status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(status.getReasonPhrase());
		return new ErrorResponseException(status, problem, null);
	}

}
