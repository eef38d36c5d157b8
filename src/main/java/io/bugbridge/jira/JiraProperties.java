package io.bugbridge.jira;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Jira connection and how BugBridge maps onto the Jira project. Every field has a default
 * except the four that switch the integration on. See docs/configuration.md.
 *
 * @param url site URL, e.g. {@code https://acme.atlassian.net} ({@code JIRA_URL})
 * @param email account of the API token ({@code JIRA_EMAIL})
 * @param apiToken API token, sent with basic auth; never logged ({@code JIRA_API_TOKEN})
 * @param webhookSecret secret of the admin webhook; deliveries not signed with it are refused
 * ({@code JIRA_WEBHOOK_SECRET})
 * @param issueTypes Jira issue type per ticket type
 * @param priorities Jira priority name per priority
 * @param statuses Jira status name to local status (case-insensitive); unlisted statuses map by
 * status category (To Do, In Progress, Done)
 * @param customerField id of a custom field (e.g. {@code customfield_10050}) that receives the
 * customer id so that JQL can find a customer's tickets; the issue property
 * {@code bugbridge} always carries it too
 * @param serviceDesk the project is a Jira Service Management project: internal comments are
 * marked with the {@code sd.public.comment} property, which hides them from the customer portal
 * @param internalVisibility role or group that may read internal comments outside JSM
 * @param labelPrefix prefix of the label that carries the ticket id ({@code bb-42})
 * @param intakeBudget how long intake waits for Jira before answering with a provisional key
 * @param connectTimeout TCP connect timeout of Jira calls
 * @param requestTimeout time limit of one Jira call
 * @param searchLag how long Jira's search index may take to show a new issue: a create whose
 * outcome is unknown (timeout, 5xx, crash) is looked up by label, and a lookup that finds nothing
 * is believed only this long after the attempt ended
 */
@ConfigurationProperties("bugbridge.jira")
public record JiraProperties(URI url, String email, String apiToken, String webhookSecret,
		@DefaultValue IssueTypes issueTypes, @DefaultValue Priorities priorities, Map<String, String> statuses,
		String customerField, @DefaultValue("false") boolean serviceDesk,
		@DefaultValue InternalVisibility internalVisibility, @DefaultValue("bb-") String labelPrefix,
		@DefaultValue("3s") Duration intakeBudget, @DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("10s") Duration requestTimeout, @DefaultValue("30s") Duration searchLag,
		@DefaultValue Delivery delivery,
		@DefaultValue Reconcile reconcile) {

	/** Jira status names and the local status each maps to, when nothing is configured. */
	static final Map<String, String> DEFAULT_STATUSES = defaults();

	public JiraProperties {
		statuses = statuses == null || statuses.isEmpty() ? DEFAULT_STATUSES : Map.copyOf(statuses);
		customerField = customerField == null || customerField.isBlank() ? null : customerField.trim();
		webhookSecret = webhookSecret == null || webhookSecret.isBlank() ? null : webhookSecret;
	}

	private static Map<String, String> defaults() {
		Map<String, String> map = new LinkedHashMap<>();
		map.put("Open", "Open");
		map.put("To Do", "Open");
		map.put("Backlog", "Open");
		map.put("Reopened", "Open");
		map.put("In Progress", "In Progress");
		map.put("In Review", "In Progress");
		map.put("Waiting for Customer", "Waiting for Customer");
		map.put("Waiting for support", "In Progress");
		map.put("Pending", "Waiting for Customer");
		map.put("Resolved", "Resolved");
		map.put("Done", "Resolved");
		map.put("Closed", "Closed");
		map.put("Canceled", "Closed");
		return Map.copyOf(map);
	}

	/** Many projects lack a "Feature" or "Support" type, hence Story and Task. */
	public record IssueTypes(@DefaultValue("Bug") String bug, @DefaultValue("Story") String feature,
			@DefaultValue("Task") String support) {
	}

	public record Priorities(@DefaultValue("Low") String low, @DefaultValue("Medium") String medium,
			@DefaultValue("High") String high, @DefaultValue("Highest") String critical) {
	}

	/** {@code type} is {@code role} or {@code group}; {@code value} the role or group name. */
	public record InternalVisibility(@DefaultValue("role") String type, @DefaultValue("Administrators") String value) {
	}

	/**
	 * The outbox worker.
	 *
	 * @param enabled deliver on this node (the outbox still fills when off)
	 * @param threads deliveries at once on this node
	 * @param pollInterval how often the node looks for due deliveries
	 * @param lease how long a node owns a ticket's queue while delivering; another node takes
	 * over after it (a crashed node's work resumes then)
	 * @param initialBackoff wait after the first failure; doubles per failure, with jitter
	 * @param maxBackoff the longest wait between attempts
	 * @param circuitFailures consecutive failures after which calls stop until a probe succeeds
	 * (failures of calls that were in flight together count once)
	 * @param maxFailures unexpected local failures (not Jira being unavailable) after which an
	 * entry becomes a dead letter; each one is retried with backoff
	 * @param probeInterval while the circuit is open, Jira is probed ({@code GET /myself}) after
	 * {@code initialBackoff}, doubling up to this; the first answer closes the circuit
	 * @param probeTimeout time limit of one probe
	 */
	public record Delivery(@DefaultValue("true") boolean enabled, @DefaultValue("4") int threads,
			@DefaultValue("1s") Duration pollInterval, @DefaultValue("60s") Duration lease,
			@DefaultValue("2s") Duration initialBackoff, @DefaultValue("5m") Duration maxBackoff,
			@DefaultValue("3") int circuitFailures, @DefaultValue("8") int maxFailures,
			@DefaultValue("5s") Duration probeInterval, @DefaultValue("5s") Duration probeTimeout) {
	}

	/**
	 * The reconciliation job.
	 *
	 * @param interval time between runs (one node runs each)
	 * @param overlap how far before the watermark each run searches again (JQL has minute
	 * precision and Jira's index lags slightly)
	 * @param backfillBatch tickets without a Jira issue (e.g. filed before Jira was connected)
	 * queued per run
	 * @param webhookRetention how long webhook identifiers are remembered for deduplication
	 * @param duplicateCheckInterval how often due duplicate checks run (a ticket's label searched
	 * for issues besides the linked one; see docs/reliability.md)
	 */
	public record Reconcile(@DefaultValue("5m") Duration interval, @DefaultValue("3m") Duration overlap,
			@DefaultValue("200") int backfillBatch, @DefaultValue("3d") Duration webhookRetention,
			@DefaultValue("30s") Duration duplicateCheckInterval) {
	}

	boolean configured() {
		return url != null && !url.toString().isBlank();
	}

	/** The site URL without a trailing slash. */
	String baseUrl() {
		String text = url.toString();
		return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
	}

	@Override
	public String toString() {
		// Never print the token or the secret.
		return "JiraProperties[url=" + url + ", email=" + email + ", apiToken=" + (apiToken == null ? "unset" : "***")
				+ ", webhookSecret=" + (webhookSecret == null ? "unset" : "***") + "]";
	}

}
