package io.bugbridge.ticket;

/** One field of a ticket that an update changed, with old and new values as displayed. */
public record FieldChange(String field, String oldValue, String newValue) {
}
