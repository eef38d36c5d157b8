package io.bugbridge.analysis.index;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a file into chunks of a few functions each, so that a long file can match a report as well
 * as its best part does, rather than be diluted by its length.
 */
final class Chunks {

	private static final Pattern DEFINITION_START = Pattern.compile(
			"^\\s*(?:@|def |async def |class |func |function |(?:public|private|protected|static|export|fn|pub|interface|enum)\\b).*");

	static final int MIN_LINES = 25;

	static final int MAX_LINES = 120;

	private Chunks() {
	}

	static List<String> of(String path, String text) {
		String[] lines = text.split("\n", -1);
		List<String> chunks = new ArrayList<>();
		if (lines.length <= MAX_LINES) {
			// Short files are one chunk: the file document already says everything.
			return chunks;
		}
		StringBuilder cur = new StringBuilder();
		int count = 0;
		for (String line : lines) {
			boolean boundary = count >= MIN_LINES && DEFINITION_START.matcher(line).matches() || count >= MAX_LINES;
			if (boundary) {
				chunks.add(cur.toString());
				cur.setLength(0);
				count = 0;
			}
			cur.append(line).append('\n');
			count++;
		}
		if (count > 0) {
			chunks.add(cur.toString());
		}
		return chunks;
	}

}
