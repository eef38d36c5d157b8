package io.bugbridge.ticket;

/**
 * Filters for listing tickets. Null means "any".
 *
 * @param customerId only tickets of this customer account
 * @param reporterEmail only tickets filed by this address (case-insensitive)
 * @param text words that must all appear in the summary or description (case-insensitive)
 * @param maxResults page size
 * @param cursor where the previous page ended, as returned in {@link TicketPage#nextCursor()}
 */
public record TicketQuery(String customerId, String reporterEmail, Status status, TicketType type, String text,
		int maxResults, String cursor) {

	public static final int MAX_PAGE_SIZE = 200;

	public TicketQuery {
		if (maxResults < 1 || maxResults > MAX_PAGE_SIZE) {
			throw new IllegalArgumentException("maxResults must be between 1 and " + MAX_PAGE_SIZE);
		}
	}

}
