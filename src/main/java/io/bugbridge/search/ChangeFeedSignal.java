package io.bugbridge.search;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes this node's {@link IndexFollower} when another node commits a change, on PostgreSQL: every
 * insert into the change feed sends {@code NOTIFY bugbridge_ticket_change} with the schema as payload
 * (a trigger, migration V82), delivered at commit. One connection of the pool is kept for
 * {@code LISTEN}. The follower's poll stays as the safety net: a notification lost while this
 * connection was being re-opened costs at most one poll interval.
 */
final class ChangeFeedSignal {

	static final String CHANNEL = "bugbridge_ticket_change";

	private static final Logger log = LoggerFactory.getLogger(ChangeFeedSignal.class);

	private final DataSource dataSource;

	private final Runnable nudge;

	private volatile boolean running;

	private Thread thread;

	ChangeFeedSignal(DataSource dataSource, Runnable nudge) {
		this.dataSource = dataSource;
		this.nudge = nudge;
	}

	void start() {
		running = true;
		thread = new Thread(this::run, "ticket-change-listener");
		thread.setDaemon(true);
		thread.start();
	}

	void stop() {
		running = false;
		if (thread != null) {
			thread.interrupt();
			try {
				thread.join(TimeUnit.SECONDS.toMillis(3));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void run() {
		long backoff = 1000;
		while (running) {
			try (Connection connection = dataSource.getConnection()) {
				connection.setAutoCommit(true);
				String schema = connection.getSchema();
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + CHANNEL);
				}
				PGConnection listener = connection.unwrap(PGConnection.class);
				backoff = 1000;
				// Changes committed while we were not listening yet.
				nudge.run();
				while (running) {
					PGNotification[] notifications = listener.getNotifications(1000);
					if (notifications != null) {
						for (PGNotification notification : notifications) {
							if (schema == null || schema.equals(notification.getParameter())) {
								nudge.run();
								break;
							}
						}
					}
				}
				try (Statement statement = connection.createStatement()) {
					statement.execute("UNLISTEN " + CHANNEL);
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (!running) {
					return;
				}
				log.warn("Not listening for other nodes' changes ({}); retrying in {} ms, polling meanwhile",
						ex.toString(), backoff);
				try {
					Thread.sleep(backoff);
				}
				catch (InterruptedException interrupted) {
					return;
				}
				backoff = Math.min(backoff * 2, 30_000);
			}
		}
	}

}
