package io.bugbridge.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.bugbridge.ticket.Ticket;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The service's ticket index and similarity search over tickets held in memory: for measuring
 * duplicate detection on a labelled set with exactly the code the service runs.
 */
public final class InMemoryTicketIndex implements AutoCloseable {

	private final TicketIndex index = new TicketIndex(new ByteBuffersDirectory(), "memory");

	public void addAll(Collection<Ticket> tickets) {
		try {
			index.upsert(tickets, Map.of());
			index.refresh();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public List<SimilarTicket> similarTo(Ticket ticket, int limit) {
		try {
			IndexSearcher searcher = index.acquire();
			try {
				return Similarity.similar(searcher, index, TicketSearch.reportText(ticket), null, List.of(), ticket.id(),
						limit);
			}
			finally {
				index.release(searcher);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() throws IOException {
		index.close();
	}

}
