package io.bugbridge.analysis;

/** What a reporter wrote. Either part may be empty (many trackers have title-only reports). */
public record BugReport(String title, String body) {

	public BugReport {
		title = title == null ? "" : title;
		body = body == null ? "" : body;
	}

	public String text() {
		return title + "\n\n" + body;
	}

}
