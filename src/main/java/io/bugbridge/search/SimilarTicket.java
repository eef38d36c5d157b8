package io.bugbridge.search;

/**
 * A ticket that says much the same as a given text.
 *
 * @param score BM25 relevance of the ticket to the text's most telling terms; only comparable
 * within one answer
 */
public record SimilarTicket(long ticketId, double score) {
}
