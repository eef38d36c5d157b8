package io.bugbridge.ui.admin;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.bugbridge.agent.Usage;
import io.bugbridge.analysis.BugAnalysis;

/**
 * What the analysis modal shows of a finished analysis beyond its stored fields: the engine line
 * ("Claude claude-sonnet-5 · 7 turns · 23,410 tokens (12,000 cached) · USD 0.08 · 41 s") and the
 * fix approach as steps.
 *
 * @param engine who wrote it, e.g. {@code Claude claude-sonnet-5} or {@code offline index}
 * @param meta the engine with turns, tokens, cost and duration when a Claude run used any
 * @param fixSteps the fix approach, one entry per step, without the numbers
 * @param claude whether Claude wrote the result shown (scores are then only the list order)
 */
record AnalysisPresentation(String engine, String meta, List<String> fixSteps, boolean claude) {

	static AnalysisPresentation of(BugAnalysis analysis) {
		BugAnalysis.Details details = analysis.details();
		boolean claude = "claude".equalsIgnoreCase(analysis.engine());
		String engine = claude ? "Claude " + (details.model() == null ? "" : details.model()).strip()
				: analysis.engine() == null ? "offline index" : analysis.engine();
		Usage usage = details.usage();
		String meta = engine;
		if (usage != null && usage.turns() > 0) {
			// A failed Claude run still used tokens: its line names Claude even when the offline text stands in.
			String runBy = claude ? engine : "Claude " + (details.model() == null ? usage.model() : details.model());
			meta = line(runBy, usage);
		}
		return new AnalysisPresentation(engine, meta, steps(analysis.fixApproach()), claude);
	}

	static String line(String engine, Usage usage) {
		NumberFormat count = NumberFormat.getIntegerInstance(Locale.ENGLISH);
		StringBuilder line = new StringBuilder(engine);
		line.append(" · ").append(usage.turns()).append(usage.turns() == 1 ? " turn" : " turns");
		line.append(" · ").append(count.format(usage.totalTokens())).append(" tokens");
		if (usage.cacheReadTokens() > 0) {
			line.append(" (").append(count.format(usage.cacheReadTokens())).append(" cached)");
		}
		line.append(" · ").append(usd(usage.usd()));
		if (usage.durationMillis() > 0) {
			line.append(" · ").append(duration(usage.durationMillis()));
		}
		return line.toString();
	}

	static String usd(BigDecimal usd) {
		if (usd == null) {
			return "USD 0.00";
		}
		if (usd.signum() > 0 && usd.compareTo(new BigDecimal("0.01")) < 0) {
			return "USD <0.01";
		}
		return "USD " + usd.setScale(2, RoundingMode.HALF_UP).toPlainString();
	}

	static String duration(long millis) {
		long seconds = Math.max(1, Math.round(millis / 1000.0));
		return seconds < 60 ? seconds + " s" : seconds / 60 + " min " + seconds % 60 + " s";
	}

	/** "1. Write a test\n2. Fix it" as two steps; text without numbered lines is one step. */
	static List<String> steps(String fixApproach) {
		if (fixApproach == null || fixApproach.isBlank()) {
			return List.of();
		}
		List<String> steps = new ArrayList<>();
		for (String line : fixApproach.split("\\R")) {
			String step = line.strip().replaceFirst("^\\d+[.)]\\s*", "");
			if (!step.isEmpty()) {
				steps.add(step);
			}
		}
		return steps;
	}

}
