package io.bugbridge.analysis;

import java.util.List;

/**
 * The result of ranking one report against one commit.
 *
 * @param commit the commit the files were read at
 * @param files ranked files, best first
 * @param confidence how sure the ranking is
 * @param frames stack frames found in the report (also those that map to no file)
 * @param mentions code names the report mentions
 */
public record Localization(String commit, List<RankedFile> files, Confidence confidence, List<StackFrame> frames,
		Mentions mentions) {

	public Localization {
		files = List.copyOf(files);
		frames = List.copyOf(frames);
	}

}
