package io.bugbridge.feedback;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.ticket.TicketType;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ratings of resolved tickets (CSAT) and votes on feature requests. The database's keys enforce
 * "once": one rating per ticket, one vote per user and ticket, even under concurrent requests.
 */
@Service
@Transactional
public class FeedbackService {

	private final JdbcClient jdbc;

	private final TicketService tickets;

	private final Clock clock;

	FeedbackService(JdbcClient jdbc, TicketService tickets, Clock clock) {
		this.jdbc = jdbc;
		this.tickets = tickets;
		this.clock = clock;
	}

	public Rating rate(Ticket ticket, int score, String comment, String ratedBy) {
		if (!ticket.status().isDone()) {
			throw new FeedbackException("Not resolved yet", "Ticket " + ticket.key()
					+ " can be rated once it is resolved or closed; it is " + ticket.status() + ".", null);
		}
		Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		try {
			jdbc.sql("INSERT INTO ticket_rating (ticket_id, score, comment, rated_by, created_at)"
					+ " VALUES (:id, :score, :comment, :by, :now)")
				.param("id", ticket.id())
				.param("score", score)
				.param("comment", comment == null || comment.isBlank() ? null : comment.trim())
				.param("by", ratedBy)
				.param("now", now.atOffset(ZoneOffset.UTC))
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new FeedbackException("Already rated", "Ticket " + ticket.key() + " has already been rated.", null);
		}
		return new Rating(ticket.id(), score, comment, ratedBy, now);
	}

	@Transactional(readOnly = true)
	public Optional<Rating> ratingOf(Ticket ticket) {
		return jdbc.sql("SELECT ticket_id, score, comment, rated_by, created_at FROM ticket_rating WHERE ticket_id = :id")
			.param("id", ticket.id())
			.query(FeedbackService::mapRating)
			.optional();
	}

	/** CSAT over ratings given in [from, to); null bounds are open. */
	@Transactional(readOnly = true)
	public Satisfaction satisfaction(Instant from, Instant to) {
		StringBuilder where = new StringBuilder(" WHERE 1 = 1");
		var params = new java.util.HashMap<String, Object>();
		if (from != null) {
			where.append(" AND created_at >= :from");
			params.put("from", from.atOffset(ZoneOffset.UTC));
		}
		if (to != null) {
			where.append(" AND created_at < :to");
			params.put("to", to.atOffset(ZoneOffset.UTC));
		}
		return jdbc.sql("SELECT COUNT(*) AS ratings, COALESCE(SUM(CASE WHEN score >= 4 THEN 1 ELSE 0 END), 0)"
				+ " AS satisfied FROM ticket_rating" + where)
			.params(params)
			.query((rs, n) -> Satisfaction.of(rs.getLong("ratings"), rs.getLong("satisfied")))
			.single();
	}

	public VoteResult vote(Ticket ticket, String voter, String voterEmail) {
		requireFeature(ticket);
		// ON CONFLICT keeps the transaction usable on PostgreSQL when the vote already exists.
		int inserted = jdbc.sql("INSERT INTO ticket_vote (ticket_id, voter, voter_email, created_at)"
				+ " VALUES (:id, :voter, :email, :now) ON CONFLICT DO NOTHING")
			.param("id", ticket.id())
			.param("voter", voter)
			.param("email", voterEmail)
			.param("now", clock.instant().atOffset(ZoneOffset.UTC))
			.update();
		Ticket current = inserted > 0 ? tickets.addVotes(ticket.id(), 1) : ticket;
		return new VoteResult(current.key(), current.votes(), true, inserted > 0);
	}

	public VoteResult unvote(Ticket ticket, String voter) {
		requireFeature(ticket);
		int deleted = jdbc.sql("DELETE FROM ticket_vote WHERE ticket_id = :id AND voter = :voter")
			.param("id", ticket.id())
			.param("voter", voter)
			.update();
		Ticket current = deleted > 0 ? tickets.addVotes(ticket.id(), -1) : ticket;
		return new VoteResult(current.key(), current.votes(), false, deleted > 0);
	}

	/**
	 * Moves the votes of a duplicate feature request to the request it duplicates; a user who voted
	 * for both keeps one vote. Returns the target's new vote count.
	 */
	public int moveVotes(Ticket from, Ticket to) {
		if (from.type() != TicketType.FEATURE || to.type() != TicketType.FEATURE) {
			return to.votes();
		}
		int moved = jdbc.sql("INSERT INTO ticket_vote (ticket_id, voter, voter_email, created_at)"
				+ " SELECT :to, voter, voter_email, created_at FROM ticket_vote WHERE ticket_id = :from"
				+ " ON CONFLICT DO NOTHING")
			.param("to", to.id())
			.param("from", from.id())
			.update();
		return moved == 0 ? to.votes() : tickets.addVotes(to.id(), moved).votes();
	}

	@Transactional(readOnly = true)
	public boolean hasVoted(Ticket ticket, String voter) {
		return jdbc.sql("SELECT COUNT(*) FROM ticket_vote WHERE ticket_id = :id AND voter = :voter")
			.param("id", ticket.id())
			.param("voter", voter)
			.query(Long.class)
			.single() > 0;
	}

	private static void requireFeature(Ticket ticket) {
		if (ticket.type() != TicketType.FEATURE) {
			throw new FeedbackException("Not a feature request",
					"Only feature requests take votes; " + ticket.key() + " is a " + ticket.type() + ".", null);
		}
	}

	private static Rating mapRating(ResultSet rs, int row) throws SQLException {
		return new Rating(rs.getLong("ticket_id"), rs.getInt("score"), rs.getString("comment"), rs.getString("rated_by"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant());
	}

}
