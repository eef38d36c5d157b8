package io.bugbridge.security;

import java.util.Collection;
import java.util.Map;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** Someone signed in through OpenID Connect, with the {@link Caller} their claims map to. */
final class CallerOidcUser implements OidcUser, CallerPrincipal {

	private static final long serialVersionUID = 1L;

	private final OidcUser user;

	private final Caller caller;

	CallerOidcUser(OidcUser user, Caller caller) {
		this.user = user;
		this.caller = caller;
	}

	@Override
	public Caller caller() {
		return caller;
	}

	@Override
	public Map<String, Object> getClaims() {
		return user.getClaims();
	}

	@Override
	public OidcUserInfo getUserInfo() {
		return user.getUserInfo();
	}

	@Override
	public OidcIdToken getIdToken() {
		return user.getIdToken();
	}

	@Override
	public Map<String, Object> getAttributes() {
		return user.getAttributes();
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return SignedInUser.authorities(caller);
	}

	@Override
	public String getName() {
		return caller.subject();
	}

}
