package io.bugbridge.analysis.service;

import io.bugbridge.analysis.claude.CheckedAnalysis;

/**
 * Links to a repository's web view at a commit, e.g.
 * {@code https://github.com/acme/app/blob/<commit>/src/App.java#L10-L20}; none when the repository
 * has no web view.
 */
record RepositoryLinks(String webUrl) {

	static RepositoryLinks of(CodeRepositoryProperties.Repository repository) {
		String web = repository.webUrl();
		if ((web == null || web.isBlank()) && repository.url() != null
				&& repository.url().matches("https://(github\\.com|gitlab\\.com)/.+")) {
			web = repository.url().replaceFirst("\\.git$", "");
		}
		return new RepositoryLinks(web == null || web.isBlank() ? null : web.replaceFirst("/+$", ""));
	}

	String fileUrl(String commit, CheckedAnalysis.CitedFile file) {
		if (webUrl == null) {
			return null;
		}
		String anchor = file.lineStart() == null ? ""
				: "#L" + file.lineStart() + (file.lineEnd() != null && !file.lineEnd().equals(file.lineStart())
						? "-L" + file.lineEnd() : "");
		return webUrl + "/blob/" + commit + "/" + file.path() + anchor;
	}

}
