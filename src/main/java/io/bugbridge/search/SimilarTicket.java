package io.bugbridge.search;

/**
 * A ticket that says much the same as a given text.
 *
 * @param score how alike, higher is closer: with embeddings 0.9 × cosine of the sentence
 * embeddings + 0.1 × BM25 relative to the answer's best; without, the BM25 relevance to the
 * text's most telling terms. Only comparable within one answer
 */
public record SimilarTicket(long ticketId, double score) {
}
