package io.bugbridge.security;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** An account of the sign-in form, as Spring Security checks and then remembers it in the session. */
final class SignedInUser implements UserDetails, CredentialsContainer, CallerPrincipal {

	private static final long serialVersionUID = 1L;

	private final Caller caller;

	private String passwordHash;

	SignedInUser(Caller caller, String passwordHash) {
		this.caller = caller;
		this.passwordHash = passwordHash;
	}

	@Override
	public Caller caller() {
		return caller;
	}

	static List<GrantedAuthority> authorities(Caller caller) {
		return caller.roles().stream().map(role -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority())).toList();
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return authorities(caller);
	}

	@Override
	public String getPassword() {
		return passwordHash;
	}

	@Override
	public String getUsername() {
		return caller.email();
	}

	@Override
	public void eraseCredentials() {
		// The session keeps the principal; it has no use for the hash after sign-in.
		passwordHash = null;
	}

	@Override
	public String toString() {
		return "SignedInUser[" + caller.email() + ", " + caller.roles() + "]";
	}

}
