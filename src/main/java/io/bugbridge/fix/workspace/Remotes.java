package io.bugbridge.fix.workspace;

import java.io.IOException;
import java.net.URISyntaxException;
import java.util.Locale;

import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Remote URLs and tokens. The token only ever reaches JGit through a {@link CredentialsProvider};
 * messages name the remote without user info and are scrubbed of the token in case a server
 * echoes it back.
 */
final class Remotes {

	private Remotes() {
	}

	/** The URL as JGit wants it; only file: and https: (a token must not travel in clear text). */
	static URIish uri(String remoteUrl) {
		if (remoteUrl == null || remoteUrl.isBlank()) {
			throw new IllegalArgumentException("a remote URL is required");
		}
		String lower = remoteUrl.trim().toLowerCase(Locale.ROOT);
		if (!lower.startsWith("file:") && !lower.startsWith("https://")) {
			throw new IllegalArgumentException("remote " + describe(remoteUrl) + " must be a file: or https:// URL");
		}
		try {
			URIish uri = new URIish(remoteUrl.trim());
			if (uri.getUser() != null || uri.getPass() != null) {
				// Credentials in a URL end up in logs and in the messages of JGit's exceptions.
				throw new IllegalArgumentException(
						"remote " + describe(remoteUrl) + " must not carry credentials; pass the token separately");
			}
			return uri;
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("remote " + describe(remoteUrl) + " is not a valid URL");
		}
	}

	static CredentialsProvider credentials(String token) {
		return token == null || token.isBlank() ? null : new UsernamePasswordCredentialsProvider("x-access-token", token);
	}

	/** The URL without any user info, for messages. */
	static String describe(String remoteUrl) {
		return remoteUrl == null ? "(none)" : remoteUrl.trim().replaceAll("(?<=://)[^/@]*@", "");
	}

	static String scrub(String message, String token) {
		String text = message == null ? "" : message;
		return token == null || token.isBlank() ? text : text.replace(token, "***");
	}

	/**
	 * An IOException for a failed remote operation. The cause is kept only when nothing in its chain
	 * mentions the token, so logging the stack trace cannot leak it either.
	 */
	static IOException failure(String what, String remoteUrl, Exception cause, String token) {
		String message = what + " " + describe(remoteUrl) + " failed: " + scrub(cause.getMessage(), token);
		return mentions(cause, token) ? new IOException(message) : new IOException(message, cause);
	}

	static boolean mentions(Throwable error, String token) {
		if (token == null || token.isBlank()) {
			return false;
		}
		for (Throwable t = error; t != null; t = t.getCause()) {
			if (String.valueOf(t.getMessage()).contains(token)) {
				return true;
			}
		}
		return false;
	}

}
