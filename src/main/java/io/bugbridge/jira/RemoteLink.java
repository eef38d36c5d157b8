package io.bugbridge.jira;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A web page linked on a Jira issue (a remote issue link), as queued in the outbox and as sent.
 * Jira keys a remote link by its {@link #globalId()}: sending the same url again updates that link
 * instead of adding one, which makes every retry, on any node, safe.
 */
record RemoteLink(String url, String title, String summary) {

	static final String GLOBAL_ID_PREFIX = "bugbridge-pr=";

	/** Jira's limit for {@code globalId}. */
	static final int MAX_GLOBAL_ID = 255;

	// Bounds keep the JSON payload within the outbox column (8192) even with every quote escaped.
	static final int MAX_URL = 2048;

	static final int MAX_TITLE = 255;

	static final int MAX_SUMMARY = 1024;

	static final String GITHUB_ICON = "https://github.com/favicon.ico";

	/** The link to queue, or empty when the url is not an absolute http(s) url of sane length. */
	static Optional<RemoteLink> of(String url, String title, String summary) {
		if (url == null || url.isBlank() || url.length() > MAX_URL) {
			return Optional.empty();
		}
		String trimmed = url.trim();
		try {
			URI uri = new URI(trimmed);
			String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
			if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
				return Optional.empty();
			}
		}
		catch (java.net.URISyntaxException ex) {
			return Optional.empty();
		}
		// Jira requires a title: the url is better than nothing.
		String shownTitle = clean(title, MAX_TITLE);
		return Optional.of(new RemoteLink(trimmed, shownTitle == null ? abbreviate(trimmed, MAX_TITLE) : shownTitle,
				clean(summary, MAX_SUMMARY)));
	}

	String payload() {
		ObjectNode node = JiraClient.JSON.createObjectNode().put("url", url).put("title", title);
		if (summary != null) {
			node.put("summary", summary);
		}
		return JiraClient.JSON.writeValueAsString(node);
	}

	static RemoteLink fromPayload(String payload) {
		JsonNode node = JiraClient.JSON.readTree(payload);
		return new RemoteLink(node.path("url").asString(), node.path("title").asString(),
				node.path("summary").asString(null));
	}

	/** {@code bugbridge-pr=<url>}; a url too long for Jira's 255 characters is replaced by its hash. */
	String globalId() {
		String plain = GLOBAL_ID_PREFIX + url;
		return plain.length() <= MAX_GLOBAL_ID ? plain : GLOBAL_ID_PREFIX + "sha256:" + sha256(url);
	}

	/** The body of {@code POST /rest/api/3/issue/{issueIdOrKey}/remotelink} (RemoteIssueLinkRequest). */
	ObjectNode body() {
		ObjectNode body = JiraClient.JSON.createObjectNode();
		body.put("globalId", globalId());
		ObjectNode object = body.putObject("object");
		object.put("url", url);
		object.put("title", title);
		if (summary != null) {
			object.put("summary", summary);
		}
		// Without an icon Jira shows its generic link icon, which is right for anything but GitHub.
		if (onGitHub()) {
			object.putObject("icon").put("url16x16", GITHUB_ICON).put("title", "GitHub");
		}
		return body;
	}

	private boolean onGitHub() {
		String host = URI.create(url).getHost().toLowerCase(Locale.ROOT);
		return host.equals("github.com") || host.endsWith(".github.com");
	}

	/** Single line (Jira shows title and summary inline), bounded, null when blank. */
	private static String clean(String value, int max) {
		if (value == null) {
			return null;
		}
		String line = value.replaceAll("\\p{Cntrl}+", " ").strip();
		return line.isEmpty() ? null : abbreviate(line, max);
	}

	private static String abbreviate(String value, int max) {
		return value.length() <= max ? value : value.substring(0, max - 3) + "...";
	}

	private static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JVM has SHA-256", ex);
		}
	}

}
