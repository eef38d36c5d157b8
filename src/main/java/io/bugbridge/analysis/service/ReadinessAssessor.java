package io.bugbridge.analysis.service;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.bugbridge.analysis.Confidence;
import io.bugbridge.analysis.Readiness;
import io.bugbridge.analysis.Readiness.Reason;
import io.bugbridge.analysis.StackTraces;
import io.bugbridge.ticket.Ticket;

/**
 * Scores a bug report's readiness for an AI run from what a developer would want first: a clear
 * summary, steps, expected versus actual, the error itself, a repository to read and how sure the
 * offline ranking is. The weights are a documented judgement (docs/ai.md), not a trained model.
 */
final class ReadinessAssessor {

	private static final Pattern ERROR_TEXT = Pattern.compile(
			"(?i)(exception|error|traceback|stack ?trace|failed|failure|\\b[45]\\d\\d\\b|null ?pointer|undefined|panic|segfault)");

	private ReadinessAssessor() {
	}

	/**
	 * @param confidence the offline ranking's confidence; null before it has run
	 */
	static Readiness assess(Ticket ticket, boolean repositoryConfigured, Confidence confidence, int threshold) {
		List<Reason> reasons = new ArrayList<>();
		if (!repositoryConfigured) {
			reasons.add(new Reason("no code repository is configured", false, 0));
			return new Readiness(0, threshold, reasons);
		}
		String summary = ticket.summary() == null ? "" : ticket.summary().strip();
		reasons.add(new Reason("a clear summary", summary.length() >= 15 && summary.split("\\s+").length >= 3, 10));
		reasons.add(new Reason("a description of some length", length(ticket.description()) >= 40, 10));
		reasons.add(new Reason("steps to reproduce", length(ticket.stepsToReproduce()) >= 10, 15));
		boolean expected = length(ticket.expectedBehavior()) >= 5;
		boolean actual = length(ticket.actualBehavior()) >= 5;
		reasons.add(new Reason("expected and actual behaviour", expected && actual, 15));
		String all = AnalysisJob.reportBody(ticket) + " " + summary;
		boolean trace = !StackTraces.parse(all).isEmpty();
		reasons.add(new Reason("a stack trace", trace, 15));
		reasons.add(new Reason("the error text", trace || ERROR_TEXT.matcher(all).find(), 10));
		if (confidence == null) {
			reasons.add(new Reason("code localization (known after the offline pass)", false, 25));
		}
		else {
			int points = switch (confidence.level()) {
				case HIGH -> 25;
				case MEDIUM -> 15;
				case LOW -> 0;
			};
			reasons.add(new Reason("offline localization confidence " + confidence.level().name().toLowerCase(java.util.Locale.ROOT),
					points > 0, points == 0 ? 25 : points));
		}
		int score = reasons.stream().filter(Reason::met).mapToInt(Reason::points).sum();
		return new Readiness(Math.min(100, score), threshold, reasons);
	}

	private static int length(String text) {
		return text == null ? 0 : text.strip().length();
	}

}
