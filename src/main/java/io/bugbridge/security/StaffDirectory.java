package io.bugbridge.security;

import java.util.List;

/**
 * The staff accounts this installation knows of (form sign-in accounts with the admin role), for
 * suggesting assignees. People who sign in through an identity provider are not listed until they
 * have been assigned once.
 */
public class StaffDirectory {

	private final SignInAccounts accounts;

	StaffDirectory(SignInAccounts accounts) {
		this.accounts = accounts;
	}

	public List<String> staffEmails() {
		return accounts.staffEmails();
	}

}
