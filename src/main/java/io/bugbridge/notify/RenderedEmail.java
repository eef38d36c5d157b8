package io.bugbridge.notify;

/** An e-mail ready to send: a one-line subject, a plain-text body and its HTML alternative. */
record RenderedEmail(String subject, String text, String html) {
}
