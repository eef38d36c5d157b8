package io.bugbridge.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Request rate limits (token buckets shared by every node through the database; see
 * {@link RateLimiter}). Each limit is a bucket of {@code capacity} tokens that is filled up again
 * once per {@code period}; a request takes one token, and without one it is answered 429.
 *
 * @param enabled off switches every limit (and the headers) off
 * @param customer customer API {@code /api/**} outside the admin API, per JWT subject
 * @param admin admin API {@code /api/jira/admin/**}, per admin (JWT subject)
 * @param webhook {@code /api/jira/webhook} and {@code /api/github/webhook}, per source IP
 * @param anonymous requests without a signed-in user or token (sign-in page and form, API calls
 * without a token), per client IP; static files and health checks are not counted
 * @param signInAccount failed sign-ins per account (e-mail): once used up, the account cannot sign
 * in, even with the right password, until the bucket refills
 * @param signInIp failed sign-ins per client IP, whatever the accounts tried
 */
@ConfigurationProperties("bugbridge.rate-limit")
public record RateLimitProperties(Boolean enabled, Limit customer, Limit admin, Limit webhook, Limit anonymous,
		Limit signInAccount, Limit signInIp) {

	public RateLimitProperties {
		enabled = enabled == null || enabled;
		customer = Limit.orDefault(customer, 60, Duration.ofMinutes(1));
		admin = Limit.orDefault(admin, 300, Duration.ofMinutes(1));
		webhook = Limit.orDefault(webhook, 100, Duration.ofMinutes(1));
		anonymous = Limit.orDefault(anonymous, 60, Duration.ofMinutes(1));
		signInAccount = Limit.orDefault(signInAccount, 10, Duration.ofMinutes(15));
		signInIp = Limit.orDefault(signInIp, 30, Duration.ofMinutes(15));
	}

	/** Defaults everywhere: what an application without {@code bugbridge.rate-limit.*} settings gets. */
	public static RateLimitProperties defaults() {
		return new RateLimitProperties(null, null, null, null, null, null, null);
	}

	/**
	 * @param capacity tokens in a full bucket: requests allowed per period
	 * @param period how often the bucket is filled up again (all at once, at the end of the period)
	 */
	public record Limit(Integer capacity, Duration period) {

		public Limit {
			if (capacity != null && capacity < 1) {
				throw new IllegalArgumentException("a rate limit's capacity must be at least 1, not " + capacity);
			}
			if (period != null && (period.isNegative() || period.isZero())) {
				throw new IllegalArgumentException("a rate limit's period must be positive, not " + period);
			}
		}

		static Limit orDefault(Limit limit, int capacity, Duration period) {
			if (limit == null) {
				return new Limit(capacity, period);
			}
			return new Limit(limit.capacity() == null ? capacity : limit.capacity(),
					limit.period() == null ? period : limit.period());
		}

	}

}
