package io.bugbridge.jira;

import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/jira/admin/health}: the doctor's checks for admins (role admin). */
@RestController
@Tag(name = "Jira", description = "Jira webhook and admin checks")
class JiraHealthController {

	private final JiraDoctor doctor;

	JiraHealthController(JiraDoctor doctor) {
		this.doctor = doctor;
	}

	/**
	 * @param status {@code ok}, {@code degraded} (warnings) or {@code failing}
	 */
	record Health(String status, List<Check> checks) {
	}

	record Check(String name, String status, String detail, String hint) {
	}

	@Operation(summary = "Check the Jira connection, mapping, webhook secret and outbox")
	@GetMapping("/api/jira/admin/health")
	Health health() {
		List<DoctorCheck> checks = doctor.run();
		String status = checks.stream().anyMatch(c -> c.status() == DoctorCheck.Status.FAIL) ? "failing"
				: checks.stream().anyMatch(c -> c.status() == DoctorCheck.Status.WARN) ? "degraded" : "ok";
		return new Health(status, checks.stream()
			.map(c -> new Check(c.name(), c.status().name().toLowerCase(Locale.ROOT), c.detail(), c.hint()))
			.toList());
	}

}
