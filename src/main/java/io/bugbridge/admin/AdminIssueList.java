package io.bugbridge.admin;

import java.util.List;

/**
 * @param total tickets matching in all pages, counted up to 10,000
 * @param totalExact false when more than 10,000 match
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
record AdminIssueList(List<AdminIssueRow> issues, long total, boolean totalExact, String nextCursor, int maxResults,
		String sort) {
}
