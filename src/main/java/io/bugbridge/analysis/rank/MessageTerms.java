package io.bugbridge.analysis.rank;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.bugbridge.analysis.git.CommitHistory.CommitInfo;
import io.bugbridge.analysis.index.CodeText;
import org.eclipse.jgit.lib.ObjectId;

/** Terms of one repository's commit messages, cached: every report reads the same history. */
public final class MessageTerms {

	private final Map<ObjectId, List<String>> cache = new ConcurrentHashMap<>();

	List<String> of(CommitInfo commit) {
		return cache.computeIfAbsent(commit.id(), id -> {
			String m = commit.message();
			// Trailers and signed-off lines are about people, not code.
			m = m.replaceAll("(?m)^(Signed-off-by|Co-authored-by|git-svn-id|Reviewed-by):.*$", "");
			List<String> terms = CodeText.terms(m.length() > 2000 ? m.substring(0, 2000) : m);
			return List.copyOf(terms);
		});
	}

}
