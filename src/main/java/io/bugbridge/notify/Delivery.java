package io.bugbridge.notify;

import java.util.Map;

/**
 * The data of a delivery job: which notification, and the values its templates are rendered with,
 * taken when the event happened. Lives in {@code scheduled_tasks} only until the job is done.
 */
record Delivery(long notificationId, Map<String, String> model) {
}
