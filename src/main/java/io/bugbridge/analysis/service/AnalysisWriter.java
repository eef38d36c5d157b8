package io.bugbridge.analysis.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.bugbridge.analysis.BugAnalysis.SuggestedFile;
import io.bugbridge.analysis.Confidence;
import io.bugbridge.analysis.Evidence;
import io.bugbridge.analysis.Localization;
import io.bugbridge.analysis.RankedFile;
import io.bugbridge.analysis.StackFrame;
import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.Ticket;

/**
 * Writes an analysis from a localization in the layout of the brief's example (Understanding, Root
 * Cause, Files to Examine, Suggested Fix Approach, Potential Side Effects, Estimated Effort, Risk
 * Level). Every statement comes from the evidence; the text says that no language model wrote it
 * and how sure the ranking is.
 */
final class AnalysisWriter {

	static final String ENGINE = "offline index";

	private static final int HYPOTHESES = 3;

	private AnalysisWriter() {
	}

	static Result write(Ticket ticket, String repository, Localization localization, int fileCount) {
		List<RankedFile> files = localization.files().stream().limit(fileCount).toList();
		Confidence confidence = localization.confidence();
		EvidenceText evidence = EvidenceText.of(ticket);
		List<String> hypotheses = hypotheses(files, evidence);
		List<String> steps = fixSteps(ticket, files, localization);
		List<String> sideEffects = sideEffects(files);
		String effort = effort(confidence, files);
		String risk = risk(ticket, confidence, files);

		StringBuilder text = new StringBuilder();
		text.append("Bug Report: ").append(ticket.summary()).append('\n');
		text.append("Priority: ").append(ticket.priority()).append("\n\n");
		text.append("BugBridge Analysis (offline: code index and git history of ").append(repository)
			.append(" at ").append(shortCommit(localization.commit())).append("; no AI model)\n");
		text.append("=".repeat(60)).append("\n\n");
		text.append("Understanding:\n").append(understanding(ticket, localization)).append("\n\n");
		text.append("Root Cause:\n");
		if (hypotheses.isEmpty()) {
			text.append("The report gives too little to point at code; more detail (a stack trace, the exact error,"
					+ " the screen or API involved) would help.\n\n");
		}
		else {
			text.append("Most likely first (confidence ").append(confidence.level().name().toLowerCase(Locale.ROOT))
				.append(": ").append(confidence.reason()).append("):\n");
			for (int i = 0; i < hypotheses.size(); i++) {
				text.append(i + 1).append(". ").append(hypotheses.get(i)).append('\n');
			}
			text.append('\n');
		}
		text.append("Files to Examine:\n");
		for (int i = 0; i < files.size(); i++) {
			RankedFile file = files.get(i);
			text.append(i + 1).append(". ").append(file.path()).append(" (").append(reasons(file, 2, evidence)).append(")\n");
		}
		if (files.isEmpty()) {
			text.append("None found: the repository has no indexed code files.\n");
		}
		text.append("\nSuggested Fix Approach:\n");
		for (int i = 0; i < steps.size(); i++) {
			text.append(i + 1).append(". ").append(steps.get(i)).append('\n');
		}
		text.append("\nPotential Side Effects:\n");
		sideEffects.forEach(effect -> text.append("- ").append(effect).append('\n'));
		text.append("\nEstimated Effort: ").append(effort).append('\n');
		text.append("Risk Level: ").append(risk).append("\n\n");
		text.append("How sure is this? ").append(sureness(confidence)).append(" Produced without a language model"
				+ " from the report's text, stack traces and names it mentions, the code and the repository's history;"
				+ " check the files before acting on it.");
		List<SuggestedFile> suggested = files.stream()
			.map(f -> new SuggestedFile(f.path(), round(f.score()),
					f.evidence().stream().map(evidence::describe).distinct().toList()))
			.toList();
		return new Result(text.toString(), suggested, String.join("\n", numbered(steps)), hypotheses, sideEffects,
				effort, risk, confidence.level().name());
	}

	private static String understanding(Ticket ticket, Localization localization) {
		List<String> sentences = new ArrayList<>();
		String symptom = firstNonBlank(ticket.actualBehavior(), ticket.description(), ticket.summary());
		sentences.add("The reporter describes: \"" + clip(firstLine(symptom), 200) + "\"."
				+ (ticket.expectedBehavior() != null && !ticket.expectedBehavior().isBlank()
						? " Expected instead: \"" + clip(firstLine(ticket.expectedBehavior()), 160) + "\"." : ""));
		if (!localization.frames().isEmpty()) {
			StackFrame frame = localization.frames().get(0);
			sentences.add("The report contains a " + language(frame) + " stack trace with " + localization.frames().size()
					+ " frame(s), e.g. " + frame(frame) + ".");
		}
		Set<String> names = new LinkedHashSet<>();
		names.addAll(localization.mentions().types());
		names.addAll(localization.mentions().functions());
		names.addAll(localization.mentions().qualifiedNames());
		if (!names.isEmpty()) {
			sentences.add("It names " + String.join(", ", names.stream().limit(6).map(n -> "`" + n + "`").toList()) + ".");
		}
		if (ticket.environment() != null && !ticket.environment().isBlank()) {
			sentences.add("Environment: " + clip(firstLine(ticket.environment()), 120) + ".");
		}
		return String.join(" ", sentences);
	}

	private static List<String> hypotheses(List<RankedFile> files, EvidenceText evidence) {
		List<String> hypotheses = new ArrayList<>();
		for (RankedFile file : files.stream().limit(HYPOTHESES).toList()) {
			hypotheses.add("The fault is in " + file.path() + ": " + reasons(file, 3, evidence) + ".");
		}
		return hypotheses;
	}

	private static List<String> fixSteps(Ticket ticket, List<RankedFile> files, Localization localization) {
		List<String> steps = new ArrayList<>();
		if (files.isEmpty()) {
			steps.add("Ask the reporter for the exact error message, a stack trace and the steps that lead to it.");
			return steps;
		}
		RankedFile top = files.get(0);
		String reproduce = ticket.stepsToReproduce() != null && !ticket.stepsToReproduce().isBlank()
				? "following the reporter's steps" : "from the report's description";
		steps.add("Write a failing test that reproduces the problem " + reproduce + ", exercising " + top.path() + ".");
		top.evidence()
			.stream()
			.filter(e -> e.kind() == Evidence.Kind.STACK_FRAME || e.kind() == Evidence.Kind.DEFINITION_MENTION)
			.findFirst()
			.ifPresent(e -> steps.add("Start at " + e.detail() + " in " + top.path() + " and follow the values the"
					+ " report describes."));
		top.evidence()
			.stream()
			.filter(e -> e.kind() == Evidence.Kind.QUOTED_TEXT)
			.findFirst()
			.ifPresent(e -> steps.add("Find where " + e.detail() + " is produced and check the condition that leads there."));
		if (files.size() > 1) {
			steps.add("If " + top.path() + " looks right, check " + files.get(1).path()
					+ (files.size() > 2 ? " and " + files.get(2).path() : "") + ".");
		}
		steps.add("Fix the cause rather than the symptom, then run the tests that cover the changed files and"
				+ " their callers.");
		return steps;
	}

	private static List<String> sideEffects(List<RankedFile> files) {
		List<String> effects = new ArrayList<>();
		if (files.isEmpty()) {
			effects.add("Unknown until the cause is found.");
			return effects;
		}
		RankedFile top = files.get(0);
		List<String> neighbours = files.stream()
			.filter(f -> f != top && f.evidence().stream().anyMatch(e -> e.kind() == Evidence.Kind.IMPORT_NEIGHBOUR))
			.map(RankedFile::path)
			.limit(4)
			.toList();
		if (!neighbours.isEmpty()) {
			effects.add("Code that imports or is imported by " + top.path() + " may change behaviour too: "
					+ String.join(", ", neighbours) + ".");
		}
		if (top.evidence().stream().anyMatch(e -> e.kind() == Evidence.Kind.RECENT_CHANGE || e.kind() == Evidence.Kind.SIMILAR_FIX)) {
			effects.add(top.path() + " changed recently or in earlier fixes of similar reports: check those changes"
					+ " for a regression and keep their intent.");
		}
		effects.add("Other callers of the changed functions; the existing tests of " + top.path() + " should keep passing.");
		return effects;
	}

	/** A rough guide from how clear the evidence is; it says so. */
	private static String effort(Confidence confidence, List<RankedFile> files) {
		return switch (confidence.level()) {
			case HIGH -> "1–2 hours (the evidence points at one place)";
			case MEDIUM -> "half a day (a few candidate files to check)";
			case LOW -> files.isEmpty() ? "unknown (nothing to go on yet)"
					: "1–2 days (the cause is not pinned down yet)";
		};
	}

	private static String risk(Ticket ticket, Confidence confidence, List<RankedFile> files) {
		long coupled = files.stream()
			.filter(f -> f.evidence().stream().anyMatch(e -> e.kind() == Evidence.Kind.IMPORT_NEIGHBOUR))
			.count();
		if (confidence.level() == Confidence.Level.LOW || coupled >= 3 || ticket.priority() == Priority.CRITICAL) {
			return confidence.level() == Confidence.Level.HIGH && coupled < 3 ? "Medium" : "High";
		}
		return confidence.level() == Confidence.Level.HIGH && coupled == 0 ? "Low" : "Medium";
	}

	private static String sureness(Confidence confidence) {
		return switch (confidence.level()) {
			case HIGH -> "Fairly sure about the first file: " + confidence.reason() + ".";
			case MEDIUM -> "Moderately sure: " + confidence.reason() + "; treat the list as candidates.";
			case LOW -> "Not sure: " + confidence.reason() + "; the list is a starting point for a search, not an answer.";
		};
	}

	private static String reasons(RankedFile file, int limit, EvidenceText evidence) {
		List<String> reasons = file.evidence().stream().map(evidence::describe).distinct().limit(limit).toList();
		return reasons.isEmpty() ? "score " + round(file.score()) : String.join("; ", reasons);
	}

	private static String frame(StackFrame frame) {
		StringBuilder text = new StringBuilder();
		if (frame.type() != null) {
			text.append(frame.type());
			if (frame.function() != null) {
				text.append('.');
			}
		}
		if (frame.function() != null) {
			text.append(frame.function());
		}
		if (frame.file() != null) {
			text.append(" (").append(frame.file()).append(frame.line() > 0 ? ":" + frame.line() : "").append(')');
		}
		return text.toString();
	}

	private static String language(StackFrame frame) {
		return switch (frame.language()) {
			case JAVA -> "Java";
			case PYTHON -> "Python";
			case JAVASCRIPT -> "JavaScript";
			case GO -> "Go";
			case CSHARP -> "C#";
			case RUBY -> "Ruby";
			case PHP -> "PHP";
		};
	}

	private static List<String> numbered(List<String> steps) {
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < steps.size(); i++) {
			lines.add((i + 1) + ". " + steps.get(i));
		}
		return lines;
	}

	private static String firstNonBlank(String... values) {
		for (String value : values) {
			if (value != null && !value.isBlank()) {
				return value;
			}
		}
		return "";
	}

	private static String firstLine(String text) {
		String trimmed = text.strip();
		int newline = trimmed.indexOf('\n');
		return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
	}

	private static String clip(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max - 1) + "…";
	}

	private static String shortCommit(String commit) {
		return commit == null ? "?" : commit.substring(0, Math.min(10, commit.length()));
	}

	private static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

	/** What an analysis found, in the fields the API and console show. */
	record Result(String text, List<SuggestedFile> files, String fixApproach, List<String> hypotheses,
			List<String> sideEffects, String effort, String risk, String confidence) {
	}

}
