package io.bugbridge.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import io.github.bucket4j.BucketExceptions;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.AbstractSelectForUpdateBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.LockAndGetResult;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.SelectForUpdateBasedTransaction;
import io.github.bucket4j.distributed.remote.RemoteBucketState;

/**
 * Bucket4j's buckets in the table {@code rate_limit_bucket}, for PostgreSQL and H2 alike. Each
 * request runs one short transaction of its own: {@code SELECT ... FOR UPDATE} of the bucket's row,
 * Bucket4j's arithmetic, {@code UPDATE}, commit; so every node sees and changes the same bucket.
 *
 * <p>Why not Bucket4j's {@code PostgreSQLSelectForUpdateBasedProxyManager}: its first insert is
 * {@code INSERT ... ON CONFLICT (id) DO NOTHING}, which H2 does not parse, and it has no H2
 * counterpart. This is the same algorithm (Bucket4j's own generic select-for-update base class) with
 * a first insert that both databases take: PostgreSQL keeps {@code ON CONFLICT}; H2 inserts and, when
 * another node won the race, sees a duplicate key, which the base class answers by selecting again.
 */
final class JdbcBucketProxyManager extends AbstractSelectForUpdateBasedProxyManager<String> {

	private final DataSource dataSource;

	private final boolean postgres;

	private final ClientSideConfig config;

	JdbcBucketProxyManager(DataSource dataSource, ClientSideConfig config) {
		super(config);
		this.dataSource = dataSource;
		this.config = config;
		try (Connection connection = dataSource.getConnection()) {
			this.postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot reach the database for rate limits", ex);
		}
	}

	@Override
	protected SelectForUpdateBasedTransaction allocateTransaction(String key, Optional<Long> timeoutNanos) {
		Connection connection;
		try {
			connection = dataSource.getConnection();
		}
		catch (SQLException ex) {
			throw new BucketExceptions.BucketExecutionException(ex);
		}
		return new SelectForUpdateBasedTransaction() {

			@Override
			public void begin(Optional<Long> timeout) {
				try {
					connection.setAutoCommit(false);
				}
				catch (SQLException ex) {
					throw new BucketExceptions.BucketExecutionException(ex);
				}
			}

			@Override
			public void rollback() {
				try {
					connection.rollback();
				}
				catch (SQLException ex) {
					throw new BucketExceptions.BucketExecutionException(ex);
				}
			}

			@Override
			public void commit(Optional<Long> timeout) {
				try {
					connection.commit();
				}
				catch (SQLException ex) {
					throw new BucketExceptions.BucketExecutionException(ex);
				}
			}

			@Override
			public LockAndGetResult tryLockAndGet(Optional<Long> timeout) {
				try (PreparedStatement select = connection
					.prepareStatement("SELECT state FROM rate_limit_bucket WHERE id = ? FOR UPDATE")) {
					applyTimeout(select, timeout);
					select.setString(1, key);
					try (ResultSet rs = select.executeQuery()) {
						if (!rs.next()) {
							return LockAndGetResult.notLocked();
						}
						return LockAndGetResult.locked(rs.getBytes("state"));
					}
				}
				catch (SQLException ex) {
					throw new BucketExceptions.BucketExecutionException(ex);
				}
			}

			@Override
			public boolean tryInsertEmptyData(Optional<Long> timeout) {
				String sql = "INSERT INTO rate_limit_bucket (id, state, expires_at) VALUES (?, NULL, NULL)"
						+ (postgres ? " ON CONFLICT (id) DO NOTHING" : "");
				try (PreparedStatement insert = connection.prepareStatement(sql)) {
					applyTimeout(insert, timeout);
					insert.setString(1, key);
					return insert.executeUpdate() > 0;
				}
				catch (SQLException ex) {
					if (ex.getSQLState() != null && ex.getSQLState().startsWith("23")) {
						// Another request inserted the row first; the caller rolls back and selects again.
						return false;
					}
					throw new BucketExceptions.BucketExecutionException(ex);
				}
			}

			@Override
			public void update(byte[] data, RemoteBucketState newState, Optional<Long> timeout) {
				try (PreparedStatement update = connection
					.prepareStatement("UPDATE rate_limit_bucket SET state = ?, expires_at = ? WHERE id = ?")) {
					applyTimeout(update, timeout);
					update.setBytes(1, data);
					update.setLong(2, expiresAt(newState));
					update.setString(3, key);
					update.executeUpdate();
				}
				catch (SQLException ex) {
					throw new BucketExceptions.BucketExecutionException(ex);
				}
			}

			@Override
			public void release() {
				try {
					connection.setAutoCommit(true);
				}
				catch (SQLException ignored) {
					// The pool checks the connection when it is handed out again.
				}
				try {
					connection.close();
				}
				catch (SQLException ex) {
					throw new BucketExceptions.BucketExecutionException(ex);
				}
			}

		};
	}

	/** Epoch milliseconds after which the bucket would be full again, so its row can go. */
	private long expiresAt(RemoteBucketState state) {
		long nowNanos = config.getClientSideClock().map(clock -> clock.currentTimeNanos())
			.orElse(System.currentTimeMillis() * 1_000_000L);
		long ttlMillis = config.getExpirationAfterWriteStrategy()
			.map(strategy -> strategy.calculateTimeToLiveMillis(state, nowNanos))
			.orElse(Long.MAX_VALUE / 4);
		return nowNanos / 1_000_000L + ttlMillis;
	}

	@Override
	public boolean isExpireAfterWriteSupported() {
		return true;
	}

	@Override
	public void removeProxy(String key) {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement delete = connection.prepareStatement("DELETE FROM rate_limit_bucket WHERE id = ?")) {
			delete.setString(1, key);
			delete.executeUpdate();
		}
		catch (SQLException ex) {
			throw new BucketExceptions.BucketExecutionException(ex);
		}
	}

	/** Deletes the rows of buckets that have been full again for a while; returns how many. */
	int removeExpired(long nowMillis) {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement delete = connection
					.prepareStatement("DELETE FROM rate_limit_bucket WHERE expires_at < ?")) {
			delete.setLong(1, nowMillis);
			return delete.executeUpdate();
		}
		catch (SQLException ex) {
			throw new BucketExceptions.BucketExecutionException(ex);
		}
	}

}
