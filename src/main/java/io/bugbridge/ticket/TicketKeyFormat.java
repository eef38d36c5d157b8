package io.bugbridge.ticket;

/**
 * How a new ticket's key is made from the project key and a number from the ticket sequence. The
 * default is {@code <project>-<n>}. A tracker that hands out its own keys contributes a bean of
 * this type that makes provisional keys, which a later {@link TicketService#rekey} replaces.
 */
@FunctionalInterface
public interface TicketKeyFormat {

	TicketKeyFormat DEFAULT = (projectKey, number) -> projectKey + "-" + number;

	String keyFor(String projectKey, long number);

}
