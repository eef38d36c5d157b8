package io.bugbridge.fix.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Drains a command's merged output while it runs, keeping at most {@code maxChars}: the head,
 * where a build says what it is doing, and the tail, where it says what failed.
 */
final class OutputCollector {

	private final StringBuilder head = new StringBuilder();

	private final int headLimit;

	private final char[] tail;

	private int tailStart;

	private int tailLength;

	private long total;

	OutputCollector(int maxChars) {
		this.headLimit = maxChars / 2;
		this.tail = new char[maxChars - this.headLimit];
	}

	/** Reads until the stream ends; the command would block on a full pipe otherwise. */
	void drain(InputStream stream) {
		char[] buffer = new char[8192];
		try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
			int read;
			while ((read = reader.read(buffer)) != -1) {
				append(buffer, read);
			}
		}
		catch (IOException ex) {
			// The stream closes under the reader when the process tree is killed; what was read stays.
		}
	}

	synchronized void append(char[] chars, int length) {
		total += length;
		int offset = 0;
		if (head.length() < headLimit) {
			int taken = Math.min(headLimit - head.length(), length);
			head.append(chars, 0, taken);
			offset = taken;
		}
		for (int i = offset; i < length; i++) {
			int end = (tailStart + tailLength) % tail.length;
			tail[end] = chars[i];
			if (tailLength < tail.length) {
				tailLength++;
			}
			else {
				tailStart = (tailStart + 1) % tail.length;
			}
		}
	}

	synchronized String text() {
		StringBuilder text = new StringBuilder(head);
		long omitted = total - head.length() - tailLength;
		if (omitted > 0) {
			text.append("\n[... ").append(omitted).append(" characters of output omitted ...]\n");
		}
		for (int i = 0; i < tailLength; i++) {
			text.append(tail[(tailStart + i) % tail.length]);
		}
		return text.toString();
	}

}
