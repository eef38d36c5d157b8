package io.bugbridge.admin;

import io.bugbridge.agent.ModelCheck;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * {@code claude} in {@code /actuator/health}: UP with the model, DOWN with the reason (a retired
 * model, a wrong key, an unreachable endpoint) and UNKNOWN with state {@code OFF} when no key is set.
 * Uses the cached check, so a health probe calls Anthropic at most every few minutes. The liveness
 * and readiness groups do not include it: analyses fall back to the offline index, so a Claude
 * problem is no reason to restart or unroute the service.
 */
@Component
class ClaudeHealthIndicator implements HealthIndicator {

	private final AiStatus status;

	ClaudeHealthIndicator(AiStatus status) {
		this.status = status;
	}

	@Override
	public Health health() {
		ModelCheck.Result result = status.check();
		Health.Builder health = switch (result.state()) {
			case OK -> Health.up();
			case FAIL -> Health.down();
			case OFF -> Health.status(Status.UNKNOWN);
		};
		health.withDetail("state", result.state().name()).withDetail("detail", result.detail());
		if (result.hint() != null) {
			health.withDetail("hint", result.hint());
		}
		return health.build();
	}

}
