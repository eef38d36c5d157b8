package io.bugbridge.security;

import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** Loads the OpenID Connect user as usual, then maps their claims to a {@link Caller} (or refuses them). */
final class CallerOidcUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

	private final OidcUserService delegate = new OidcUserService();

	private final OidcClaimMapping mapping;

	CallerOidcUserService(OidcClaimMapping mapping) {
		this.mapping = mapping;
	}

	@Override
	public OidcUser loadUser(OidcUserRequest request) {
		OidcUser user = delegate.loadUser(request);
		return new CallerOidcUser(user, mapping.caller(user.getSubject(), user.getClaims()));
	}

}
