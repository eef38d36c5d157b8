package io.bugbridge.notify;

import java.util.Locale;

/** How a notification travels. */
enum Channel {

	EMAIL, SLACK;

	String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	static Channel fromCode(String code) {
		return valueOf(code.toUpperCase(Locale.ROOT));
	}

}
