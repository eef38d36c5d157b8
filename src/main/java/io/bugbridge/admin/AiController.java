package io.bugbridge.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/jira/admin/ai}: Claude's configuration, check and spending (role admin). */
@RestController
@Tag(name = "Admin: bug analysis", description = "Root cause, files to examine, fix approach (role admin)")
class AiController {

	private final AiStatus status;

	AiController(AiStatus status) {
		this.status = status;
	}

	@Operation(summary = "Claude: model, endpoint, key-and-model check, spent today against the daily limit, totals",
			description = "The check is cached for five minutes; the API key is never shown.")
	@GetMapping(path = "/api/jira/admin/ai", produces = MediaType.APPLICATION_JSON_VALUE)
	AiStatus.View ai() {
		return status.view();
	}

}
