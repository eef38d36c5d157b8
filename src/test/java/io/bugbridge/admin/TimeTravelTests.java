package io.bugbridge.admin;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.bugbridge.sla.SlaBreached;
import io.bugbridge.sla.SlaService;
import io.bugbridge.support.ApiClient;
import io.bugbridge.support.ApiClient.Response;
import io.bugbridge.support.ApiTest;
import io.bugbridge.support.MutableClock;
import io.bugbridge.support.OnH2;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SLA clocks, breaches and the admin jobs, with a clock the test moves: targets and stale
 * thresholds are hours and days long.
 */
@ApiTest
@OnH2
@RecordApplicationEvents
// The test runs the breach monitor itself, on the test thread, where the recorded events are seen.
@org.springframework.test.context.TestPropertySource(properties = "bugbridge.sla.monitor-interval=1h")
class TimeTravelTests {

	static final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T08:00:00Z"));

	@LocalServerPort
	int port;

	@Autowired
	ApplicationEvents events;

	@Autowired
	SlaService slaService;

	@Autowired
	AdminJobs jobs;

	@Autowired
	JdbcClient jdbc;

	ApiClient api;

	final String admin = ApiClient.adminToken("admin@bugbridge.example");

	final String customer = "cust-" + UUID.randomUUID();

	final String customerToken = ApiClient.customerToken("alice@acme.example", customer);

	@BeforeEach
	void setUp() {
		api = new ApiClient(port);
	}

	String file(String summary, String priority) {
		Response created = api.post("/api/jira/bug-report", customerToken,
				"{\"summary\": \"%s\", \"description\": \"d\", \"priority\": \"%s\"}".formatted(summary, priority));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("key").asString();
	}

	List<SlaBreached> breachesOf(String key) {
		return events.stream(SlaBreached.class).filter(e -> e.ticket().key().equals(key)).toList();
	}

	JsonNode sla(String key) {
		return api.get("/api/jira/admin/issues/" + key, admin).json().get("sla");
	}

	@Test
	void aCriticalTicketWithoutResponseBreachesAfterFourHoursAndIsReportedOnce() {
		String key = file("Payments down", "Critical");
		clock.advance(Duration.ofHours(3));
		assertThat(sla(key).get("state").asString()).isEqualTo("at_risk");
		slaService.reportBreaches();
		assertThat(breachesOf(key)).isEmpty();

		clock.advance(Duration.ofHours(2));
		slaService.reportBreaches();

		assertThat(events.stream(SlaBreached.class).filter(e -> e.ticket().key().equals(key)))
			.extracting(SlaBreached::clock)
			.containsExactly("first_response");
		JsonNode sla = sla(key);
		assertThat(sla.get("state").asString()).isEqualTo("breached");
		assertThat(sla.get("first_response").get("breached").asBoolean()).isTrue();
		assertThat(sla.get("first_response").get("remaining_seconds").asLong()).isEqualTo(-3600);
		slaService.reportBreaches();
		assertThat(breachesOf(key)).hasSize(1);
	}

	@Test
	void theFirstPublicStaffReplyStopsTheFirstResponseClock() {
		String key = file("Slow page", "High");
		clock.advance(Duration.ofHours(1));
		api.post("/api/jira/admin/issues/" + key + "/comment", admin, "{\"comment\": \"internal\", \"internal\": true}");
		assertThat(sla(key).get("first_response").has("completed")).as("internal notes are no response").isFalse();

		api.post("/api/jira/admin/issues/" + key + "/comment", admin, "{\"comment\": \"On it\", \"internal\": false}");
		clock.advance(Duration.ofHours(10));

		JsonNode first = sla(key).get("first_response");
		assertThat(first.get("breached").asBoolean()).isFalse();
		assertThat(first.get("remaining_seconds").asLong()).isEqualTo(3 * 3600);
	}

	@Test
	void waitingForTheCustomerPausesTheClocks() {
		String key = file("Export question", "High");
		clock.advance(Duration.ofHours(1));
		api.patch("/api/jira/admin/issues/" + key, admin, "{\"status\": \"Waiting for Customer\"}");

		clock.advance(Duration.ofDays(10));
		JsonNode paused = sla(key);
		assertThat(paused.get("state").asString()).isEqualTo("paused");
		assertThat(paused.get("resolution").get("remaining_seconds").asLong()).isEqualTo(71 * 3600);
		slaService.reportBreaches();
		assertThat(breachesOf(key)).isEmpty();

		api.patch("/api/jira/admin/issues/" + key, admin, "{\"status\": \"In Progress\"}");
		clock.advance(Duration.ofHours(2));
		assertThat(sla(key).get("resolution").get("remaining_seconds").asLong()).isEqualTo(69 * 3600);
	}

	@Test
	void resolvingInTimeMeetsTheTarget() {
		String key = file("Minor glitch", "Low");
		clock.advance(Duration.ofDays(2));
		api.patch("/api/jira/admin/issues/" + key, admin, "{\"status\": \"Resolved\"}");
		clock.advance(Duration.ofDays(30));

		JsonNode sla = sla(key);
		assertThat(sla.get("state").asString()).isEqualTo("breached").as("no first response within 24 h");
		assertThat(sla.get("resolution").get("breached").asBoolean()).isFalse();
	}

	@Test
	void staleTicketsGetARemindingCommentAndTheRunIsRecorded() {
		String waiting = file("Need logs", "Medium");
		String open = file("Forgotten", "Medium");
		api.patch("/api/jira/admin/issues/" + waiting, admin, "{\"status\": \"Waiting for Customer\"}");
		clock.advance(Duration.ofDays(6));

		Response run = api.post("/api/jira/admin/check-stale-tickets", admin, "");

		assertThat(run.status()).isEqualTo(200);
		List<String> flagged = run.json().get("tickets").valueStream().map(t -> t.get("key").asString()).toList();
		assertThat(flagged).contains(waiting, open);
		Response customerView = api.get("/api/jira/ticket/" + waiting, customerToken);
		assertThat(customerView.body()).contains("still waiting for your reply");
		assertThat(api.get("/api/jira/ticket/" + open, customerToken).body()).doesNotContain("No update for");
		assertThat(api.get("/api/jira/admin/issues/" + open, admin).body()).contains("No update for 6 days");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM job_run WHERE job = 'check-stale-tickets' AND triggered_by = :by")
			.param("by", "admin@bugbridge.example")
			.query(Long.class)
			.single()).isGreaterThanOrEqualTo(1);

		Response again = api.post("/api/jira/admin/check-stale-tickets", admin, "");
		List<String> second = again.json().get("tickets").valueStream().map(t -> t.get("key").asString()).toList();
		assertThat(second).as("the reminder counts as an update").doesNotContain(waiting, open);
	}

	@Test
	void theWeeklyReportIsARealDocument() {
		String key = file("<script>alert(1)</script> old bug", "High");
		file("Second", "Low");
		file("Third", "Low");
		// Make it the oldest open ticket, so the report lists it whatever other tests left behind.
		jdbc.sql("UPDATE ticket SET created_at = TIMESTAMP WITH TIME ZONE '2000-01-01 00:00:00+00' WHERE ticket_key = :key")
			.param("key", key)
			.update();
		clock.advance(Duration.ofHours(1));

		Response report = api.post("/api/jira/admin/weekly-report", admin, "");

		assertThat(report.status()).isEqualTo(200);
		String markdown = report.json().get("markdown").asString();
		String html = report.json().get("html").asString();
		assertThat(markdown).contains("# BugBridge weekly report", "## SLA performance", "## Top customers this week",
				"## Oldest open tickets", key, customer);
		assertThat(html).contains("<table>", "<h2>Oldest open tickets</h2>", key).doesNotContain("<script>");
	}

	@Test
	void syncStatsRepairsDriftedCounters() {
		file("Counted", "Low");
		long before = api.get("/api/jira/admin/stats", admin).json().get("total_issues").asLong();
		jdbc.sql("UPDATE ticket_count SET tickets = tickets + 5 WHERE issue_type = 'Bug' AND status = 'Open' AND priority = 'Low'"
				+ " AND slot = 3")
			.update();
		assertThat(jdbc.sql("SELECT SUM(tickets) FROM ticket_count").query(Long.class).single()).isEqualTo(before + 5);

		Response sync = api.post("/api/jira/admin/sync-stats", admin, "");

		assertThat(sync.status()).isEqualTo(200);
		assertThat(sync.json().get("corrected_counters").asInt()).isEqualTo(1);
		assertThat(api.get("/api/jira/admin/stats", admin).json().get("total_issues").asLong()).isEqualTo(before);
	}

	@Test
	void theJobsAreScheduled() {
		List<String> tasks = jdbc.sql("SELECT task_name FROM scheduled_tasks").query(String.class).list();

		assertThat(tasks).contains("check-stale-tickets", "weekly-report", "sync-stats", "sla-monitor");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Config {

		@Bean
		@Primary
		MutableClock testClock() {
			return clock;
		}

	}

}
