package io.bugbridge.analysis;

/**
 * One frame of a stack trace found in a report.
 *
 * @param language the trace's language
 * @param file the file as printed (absolute or relative path, or only a file name); may be null
 *        when the trace names only a qualified type (Java without source info)
 * @param type the qualified class or module name, if the frame has one
 * @param function the function or method
 * @param line the line number, or 0 when unknown
 */
public record StackFrame(Language language, String file, String type, String function, int line) {

	public enum Language {
		JAVA, PYTHON, JAVASCRIPT, GO, CSHARP, RUBY, PHP
	}

}
