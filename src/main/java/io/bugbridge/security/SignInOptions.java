package io.bugbridge.security;

import java.util.List;

/**
 * What the sign-in page offers: the form (configured or demo accounts) and each identity provider.
 *
 * @param providers OpenID Connect providers; sign in at {@code /oauth2/authorization/{id}}
 * @param demoAccounts whether this installation made demo accounts (their passwords are in the log
 * of its first start)
 */
public record SignInOptions(boolean form, List<Provider> providers, boolean demoAccounts) {

	public record Provider(String id, String label) {

		public String signInPath() {
			return "/oauth2/authorization/" + id;
		}

	}

}
