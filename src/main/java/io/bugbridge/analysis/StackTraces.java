package io.bugbridge.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.bugbridge.analysis.StackFrame.Language;

/**
 * Finds stack-trace frames in free text: Java (and other JVM languages), Python, JavaScript and
 * TypeScript, Go, C#, Ruby and PHP. Frames keep the order in which they appear in the text.
 */
public final class StackTraces {

	// at org.example.Foo$Bar.baz(Foo.java:12) | (Unknown Source) | (Native Method)
	private static final Pattern JAVA = Pattern.compile(
			"\\bat\\s+([\\w$.]+)\\.([\\w$<>]+)\\((([\\w$]+\\.(?:java|kt|scala|groovy)):(\\d+)|Unknown Source|Native Method|Compiled Code)\\)");

	// at Namespace.Type.Method(args) in C:\src\File.cs:line 42
	private static final Pattern CSHARP = Pattern.compile(
			"\\bat\\s+([\\w.`<>+]+)\\.([\\w`<>]+)\\([^)\\n]*\\)(?:\\s+in\\s+(.+?\\.cs):line\\s+(\\d+))?");

	// File "/path/to/mod.py", line 12, in func
	private static final Pattern PYTHON = Pattern
		.compile("File \"([^\"\\n]+)\", line (\\d+)(?:, in ([\\w<>.]+))?");

	// at fn (/path/file.js:10:5) | at /path/file.ts:10:5 | fn@/path/file.js:10:5
	private static final Pattern JAVASCRIPT = Pattern.compile(
			"(?:\\bat\\s+(?:(?:async\\s+)?([\\w$.<>\\[\\] ]+?)\\s+\\()?|([\\w$.]+)@)(?:file://)?([^\\s()]+?\\.(?:js|mjs|cjs|jsx|ts|tsx|vue)):(\\d+)(?::\\d+)?\\)?");

	// main.(*T).Method(...)\n\t/go/src/pkg/file.go:42 +0x1d
	private static final Pattern GO = Pattern.compile(
			"(?m)^((?:[\\w./\\-]|\\(\\*?\\w+\\))+)\\([^\\n]*\\)\\s*\\n\\s+((?:[A-Za-z]:)?[^\\s:]+\\.go):(\\d+)");

	// /app/models/user.rb:42:in `save' | from app/x.rb:3:in 'block in run'
	private static final Pattern RUBY = Pattern.compile("((?:[A-Za-z]:)?[^\\s:'\"`]+\\.rb):(\\d+):in [`']([^'`]+)'");

	// #0 /var/www/src/Foo.php(12): Foo->bar() | ... in /var/www/src/Foo.php:12 | on line 12
	private static final Pattern PHP_FRAME = Pattern.compile("#\\d+\\s+([^\\s(]+\\.php)\\((\\d+)\\):\\s*([\\w\\\\]+(?:->|::)?\\w*)");

	private static final Pattern PHP_ERROR = Pattern
		.compile("\\bin\\s+([^\\s(]+\\.php)(?::(\\d+)|\\s+on line\\s+(\\d+))");

	private StackTraces() {
	}

	public static List<StackFrame> parse(String text) {
		if (text == null || text.isEmpty()) {
			return List.of();
		}
		List<Located> found = new ArrayList<>();
		Matcher m = JAVA.matcher(text);
		while (m.find()) {
			String file = m.group(4);
			found.add(new Located(m.start(), new StackFrame(Language.JAVA, file, stripInner(m.group(1)), m.group(2),
					m.group(5) == null ? 0 : Integer.parseInt(m.group(5)))));
		}
		m = CSHARP.matcher(text);
		while (m.find()) {
			// Without a ".cs" location this also matches prose such as "at foo()"; keep only frames
			// with a location or a namespace-qualified type.
			if (isJavaAt(text, m.start()) || m.group(3) == null && !m.group(1).contains(".")) {
				continue;
			}
			found.add(new Located(m.start(), new StackFrame(Language.CSHARP, m.group(3), m.group(1), m.group(2),
					m.group(4) == null ? 0 : Integer.parseInt(m.group(4)))));
		}
		m = PYTHON.matcher(text);
		while (m.find()) {
			found.add(new Located(m.start(),
					new StackFrame(Language.PYTHON, m.group(1), null, m.group(3), Integer.parseInt(m.group(2)))));
		}
		m = JAVASCRIPT.matcher(text);
		while (m.find()) {
			String fn = m.group(1) != null ? m.group(1).trim() : m.group(2);
			found.add(new Located(m.start(),
					new StackFrame(Language.JAVASCRIPT, m.group(3), null, fn, Integer.parseInt(m.group(4)))));
		}
		m = GO.matcher(text);
		while (m.find()) {
			found.add(new Located(m.start(2),
					new StackFrame(Language.GO, m.group(2), null, m.group(1), Integer.parseInt(m.group(3)))));
		}
		m = RUBY.matcher(text);
		while (m.find()) {
			found.add(new Located(m.start(),
					new StackFrame(Language.RUBY, m.group(1), null, m.group(3), Integer.parseInt(m.group(2)))));
		}
		m = PHP_FRAME.matcher(text);
		while (m.find()) {
			found.add(new Located(m.start(),
					new StackFrame(Language.PHP, m.group(1), null, m.group(3), Integer.parseInt(m.group(2)))));
		}
		m = PHP_ERROR.matcher(text);
		while (m.find()) {
			String line = m.group(2) != null ? m.group(2) : m.group(3);
			found.add(new Located(m.start(), new StackFrame(Language.PHP, m.group(1), null, null, Integer.parseInt(line))));
		}
		found.sort((a, b) -> Integer.compare(a.offset, b.offset));
		List<StackFrame> frames = new ArrayList<>(found.size());
		int lastEnd = -1;
		for (Located l : found) {
			// The C# pattern also sees Java frames; the Java match (same offset) wins.
			if (l.offset == lastEnd) {
				continue;
			}
			lastEnd = l.offset;
			frames.add(l.frame);
		}
		return frames;
	}

	private static boolean isJavaAt(String text, int offset) {
		Matcher m = JAVA.matcher(text);
		return m.find(offset) && m.start() == offset;
	}

	private static String stripInner(String type) {
		int dollar = type.indexOf('$');
		return dollar > 0 ? type.substring(0, dollar) : type;
	}

	private record Located(int offset, StackFrame frame) {
	}

}
