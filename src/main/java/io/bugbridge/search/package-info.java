/**
 * Ticket search for the admin console: a Lucene index per node that follows the database's change
 * feed, with filters, full text over summary, description and comments, sorting and cursor paging.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Search")
package io.bugbridge.search;
