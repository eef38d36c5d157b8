package io.bugbridge.ui.admin;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.bugbridge.ticket.TicketStatistics.DailyFlow;

/**
 * The geometry of the "opened vs resolved per day" bar chart, drawn as SVG by the template: no
 * chart library, no script, and it scales to any width through its view box. Bars for a day sit
 * side by side: opened, then resolved.
 */
record FlowChart(List<Bar> bars, List<GridLine> grid, long totalOpened, long totalResolved, LocalDate first,
		LocalDate last) {

	static final int WIDTH = 720;

	static final int HEIGHT = 240;

	static final int LEFT = 48;

	static final int RIGHT = 8;

	static final int TOP = 12;

	static final int BOTTOM = 30;

	static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);

	static FlowChart of(List<DailyFlow> days) {
		long max = days.stream().mapToLong(d -> Math.max(d.opened(), d.resolved())).max().orElse(0);
		long top = niceCeiling(max);
		double plotWidth = WIDTH - LEFT - RIGHT;
		double plotHeight = HEIGHT - TOP - BOTTOM;
		double slot = plotWidth / Math.max(1, days.size());
		double barWidth = Math.max(1, slot * 0.36);
		List<Bar> bars = new ArrayList<>();
		for (int i = 0; i < days.size(); i++) {
			DailyFlow day = days.get(i);
			double x = LEFT + i * slot + slot * 0.12;
			double openedHeight = plotHeight * day.opened() / top;
			double resolvedHeight = plotHeight * day.resolved() / top;
			boolean labelled = (days.size() - 1 - i) % 7 == 0;
			bars.add(new Bar(day.day(), day.opened(), day.resolved(), round(x), round(TOP + plotHeight - openedHeight),
					round(openedHeight), round(x + barWidth + 1), round(TOP + plotHeight - resolvedHeight),
					round(resolvedHeight), round(barWidth), labelled ? LABEL.format(day.day()) : null,
					round(x + barWidth)));
		}
		List<GridLine> grid = new ArrayList<>();
		for (int step = 0; step <= 4; step++) {
			long value = top * step / 4;
			grid.add(new GridLine(round(TOP + plotHeight - plotHeight * value / top), value));
		}
		return new FlowChart(bars, grid, days.stream().mapToLong(DailyFlow::opened).sum(),
				days.stream().mapToLong(DailyFlow::resolved).sum(), days.isEmpty() ? null : days.get(0).day(),
				days.isEmpty() ? null : days.get(days.size() - 1).day());
	}

	/** A top value four times a round step (1, 2, 5, 10, 20, 50, ...), so every grid line is a whole number. */
	static long niceCeiling(long max) {
		long quarter = Math.max(1, (max + 3) / 4);
		long magnitude = 1;
		while (true) {
			for (long factor : new long[] { 1, 2, 5 }) {
				if (factor * magnitude >= quarter) {
					return 4 * factor * magnitude;
				}
			}
			magnitude *= 10;
		}
	}

	public int width() {
		return WIDTH;
	}

	public int height() {
		return HEIGHT;
	}

	public int left() {
		return LEFT;
	}

	public int right() {
		return WIDTH - RIGHT;
	}

	public int baseline() {
		return HEIGHT - BOTTOM;
	}

	public String summary() {
		return totalOpened + " tickets opened and " + totalResolved + " resolved in the last " + bars.size() + " days"
				+ (first == null ? "" : ", " + LABEL.format(first) + " to " + LABEL.format(last) + " (UTC days)");
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

	record Bar(LocalDate day, long opened, long resolved, double x, double openedY, double openedHeight, double resolvedX,
			double resolvedY, double resolvedHeight, double width, String label, double labelX) {

		public String title() {
			return LABEL.format(day) + ": " + opened + " opened, " + resolved + " resolved";
		}

	}

	record GridLine(double y, long value) {
	}

}
