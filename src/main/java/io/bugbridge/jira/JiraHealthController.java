package io.bugbridge.jira;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.bugbridge.agent.ModelCheck;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/jira/admin/health}: the doctor's checks for admins (role admin), Jira's and
 * Claude's. Claude's check ({@code claude}) is the cached key-and-model check: {@code ok},
 * {@code fail} (the overall status is then {@code failing}) or {@code off} when no API key is set,
 * which leaves the overall status alone: running without Claude is a choice, not a fault.
 */
@RestController
@Tag(name = "Jira", description = "Jira webhook and admin checks")
class JiraHealthController {

	private final JiraDoctor doctor;

	private final ModelCheck claude;

	JiraHealthController(JiraDoctor doctor, ModelCheck claude) {
		this.doctor = doctor;
		this.claude = claude;
	}

	/**
	 * @param status {@code ok}, {@code degraded} (warnings) or {@code failing}
	 */
	record Health(String status, List<Check> checks) {
	}

	record Check(String name, String status, String detail, String hint) {
	}

	@Operation(summary = "Check the Jira connection, mapping, webhook secret and outbox, and Claude's key and model")
	@GetMapping("/api/jira/admin/health")
	Health health() {
		List<DoctorCheck> checks = doctor.run();
		ModelCheck.Result ai = claude.check();
		String status = checks.stream().anyMatch(c -> c.status() == DoctorCheck.Status.FAIL)
				|| ai.state() == ModelCheck.Result.State.FAIL ? "failing"
						: checks.stream().anyMatch(c -> c.status() == DoctorCheck.Status.WARN) ? "degraded" : "ok";
		List<Check> all = new ArrayList<>(checks.stream()
			.map(c -> new Check(c.name(), c.status().name().toLowerCase(Locale.ROOT), c.detail(), c.hint()))
			.toList());
		all.add(new Check("claude", ai.state().name().toLowerCase(Locale.ROOT), ai.detail(), ai.hint()));
		return new Health(status, all);
	}

}
