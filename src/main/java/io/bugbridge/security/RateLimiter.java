package io.bugbridge.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rate limits' token buckets (Bucket4j), kept in the database so that several nodes enforce one
 * limit ({@link JdbcBucketProxyManager}). A bucket's key is its kind and whom it counts, e.g.
 * {@code customer:<subject>}, {@code webhook:<ip>} or {@code signin-account:<e-mail>}.
 */
public class RateLimiter {

	private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

	/** The kinds of bucket; each has a limit of its own in {@link RateLimitProperties}. */
	public enum Kind {

		CUSTOMER("customer"), ADMIN("admin"), WEBHOOK("webhook"), ANONYMOUS("anonymous"),
		SIGN_IN_ACCOUNT("signin-account"), SIGN_IN_IP("signin-ip");

		private final String prefix;

		Kind(String prefix) {
			this.prefix = prefix;
		}

	}

	/**
	 * What a bucket said.
	 *
	 * @param allowed whether the request may go on
	 * @param limit tokens of a full bucket
	 * @param remaining tokens left after this request
	 * @param resetSeconds seconds until the bucket is full again
	 * @param retryAfterSeconds when refused: seconds until a token is there again
	 * @param periodSeconds the limit's period, for {@code RateLimit-Policy}
	 */
	public record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds,
			long periodSeconds) {
	}

	private static final Duration CLEANUP_EVERY = Duration.ofMinutes(10);

	private final RateLimitProperties properties;

	private final JdbcBucketProxyManager buckets;

	private final AtomicLong nextCleanup = new AtomicLong();

	public RateLimiter(RateLimitProperties properties, DataSource dataSource) {
		this.properties = properties;
		// A row is no longer needed once its bucket is full again; keep it a minute longer.
		this.buckets = new JdbcBucketProxyManager(dataSource, ClientSideConfig.getDefault()
			.withExpirationAfterWriteStrategy(
					ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1))));
	}

	public boolean enabled() {
		return properties.enabled();
	}

	/** Takes a token from the bucket, if there is one. */
	public Decision consume(Kind kind, String who) {
		RateLimitProperties.Limit limit = limit(kind);
		ConsumptionProbe probe = bucket(kind, who).tryConsumeAndReturnRemaining(1);
		cleanupNowAndThen();
		return new Decision(probe.isConsumed(), limit.capacity(), probe.getRemainingTokens(),
				seconds(probe.getNanosToWaitForReset()), probe.isConsumed() ? 0 : seconds(probe.getNanosToWaitForRefill()),
				limit.period().toSeconds());
	}

	/** Whether the bucket has a token, without taking it. */
	public Decision peek(Kind kind, String who) {
		RateLimitProperties.Limit limit = limit(kind);
		EstimationProbe probe = bucket(kind, who).estimateAbilityToConsume(1);
		long wait = seconds(probe.getNanosToWaitForRefill());
		// With refills at the end of the period, the wait for one token is the wait for all of them.
		return new Decision(probe.canBeConsumed(), limit.capacity(), probe.getRemainingTokens(),
				probe.canBeConsumed() && probe.getRemainingTokens() == limit.capacity() ? 0 : Math.max(wait, 0),
				probe.canBeConsumed() ? 0 : wait, limit.period().toSeconds());
	}

	/** Forgets a bucket: the next request finds it full. */
	public void reset(Kind kind, String who) {
		buckets.removeProxy(key(kind, who));
	}

	RateLimitProperties.Limit limit(Kind kind) {
		return switch (kind) {
			case CUSTOMER -> properties.customer();
			case ADMIN -> properties.admin();
			case WEBHOOK -> properties.webhook();
			case ANONYMOUS -> properties.anonymous();
			case SIGN_IN_ACCOUNT -> properties.signInAccount();
			case SIGN_IN_IP -> properties.signInIp();
		};
	}

	private BucketProxy bucket(Kind kind, String who) {
		RateLimitProperties.Limit limit = limit(kind);
		BucketConfiguration configuration = BucketConfiguration.builder()
			.addLimit(Bandwidth.builder()
				.capacity(limit.capacity())
				.refillIntervally(limit.capacity(), limit.period())
				.build())
			.build();
		// A changed limit replaces the one stored with the bucket, keeping the tokens already used.
		return buckets.builder()
			.withImplicitConfigurationReplacement(limit.capacity() * 1_000_003L + limit.period().toMillis(),
					io.github.bucket4j.TokensInheritanceStrategy.AS_IS)
			.build(key(kind, who), () -> configuration);
	}

	/** The row key: short keys as they are, long ones (odd JWT subjects) by their SHA-256. */
	static String key(Kind kind, String who) {
		String key = kind.prefix + ":" + who;
		if (key.length() <= 200) {
			return key;
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(who.getBytes(StandardCharsets.UTF_8));
			return kind.prefix + ":sha256:" + HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static long seconds(long nanos) {
		if (nanos <= 0) {
			return 0;
		}
		return (nanos + 999_999_999L) / 1_000_000_000L;
	}

	private void cleanupNowAndThen() {
		long now = System.currentTimeMillis();
		long due = nextCleanup.get();
		if (now < due || !nextCleanup.compareAndSet(due, now + CLEANUP_EVERY.toMillis())) {
			return;
		}
		try {
			int removed = buckets.removeExpired(now);
			if (removed > 0) {
				log.debug("Removed {} rate-limit buckets that were full again", removed);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not remove expired rate-limit buckets: {}", ex.toString());
		}
	}

}
