package io.bugbridge.ticket;

/** How many tickets have this type, status and priority. */
public record TicketCount(TicketType type, Status status, Priority priority, long tickets) {
}
