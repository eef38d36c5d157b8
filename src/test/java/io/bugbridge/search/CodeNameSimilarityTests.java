package io.bugbridge.search;

import java.time.Instant;
import java.util.List;

import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.Status;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Possible duplicates through a class both reports name, once in a stack trace (a dotted path the
 * word index keeps whole) and once in prose; the service's similarity code, run in memory.
 */
class CodeNameSimilarityTests {

	private final Ticket stackTrace = ticket(1, "Login fails for directory users",
			"Stack: at org.apache.catalina.realm.JNDIRealm.authenticate(JNDIRealm.java:1203)");

	private final Ticket prose = ticket(2, "Wrong roles after upgrade", "JNDIRealm returns no roles for nested groups.");

	private final List<Ticket> others = List.of(
			ticket(3, "Slow startup with many webapps", "Deploying 200 applications takes ten minutes."),
			ticket(4, "Session lost after redirect", "The session cookie is dropped by the browser."),
			ticket(5, "Access log misses the port", "The pattern %p prints nothing in the access log."));

	@Test
	void aReportNamingTheSameClassIsTheFirstPossibleDuplicate() throws Exception {
		try (InMemoryTicketIndex index = new InMemoryTicketIndex(SearchProperties.Embeddings.DEFAULTS)) {
			index.addAll(List.of(stackTrace, prose, others.get(0), others.get(1), others.get(2)));

			assertThat(index.similarTo(prose, 3).get(0).ticketId()).isEqualTo(stackTrace.id());
			assertThat(index.similarTo(stackTrace, 3).get(0).ticketId()).isEqualTo(prose.id());
		}
	}

	private static Ticket ticket(long id, String summary, String description) {
		Instant now = Instant.now();
		return new Ticket(id, "T-" + id, TicketType.BUG, summary, description, Status.OPEN, Priority.MEDIUM,
				"reporter@example.com", null, null, null, null, null, null, null, null, null, 0, null, "test", now, now,
				0);
	}

}
