package io.bugbridge.admin;

import java.util.List;

/**
 * @param total tickets matching in all pages
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
record AdminIssueList(List<AdminIssueRow> issues, long total, String nextCursor, int maxResults, String sort) {
}
