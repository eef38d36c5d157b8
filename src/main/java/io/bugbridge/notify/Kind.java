package io.bugbridge.notify;

/** What a notification is about. The code is stored in {@code notification.kind} and names the template folder. */
enum Kind {

	CUSTOMER_COMMENT("customer-comment"),
	CUSTOMER_STATUS("customer-status"),
	CUSTOMER_RESOLVED("customer-resolved"),
	ADMIN_NEW_TICKET("admin-new-ticket"),
	ADMIN_SLA_BREACH("admin-sla-breach"),
	ADMIN_WEEKLY_REPORT("admin-weekly-report"),
	ADMIN_ANALYSIS("admin-analysis");

	private final String code;

	Kind(String code) {
		this.code = code;
	}

	String code() {
		return code;
	}

	static Kind fromCode(String code) {
		for (Kind kind : values()) {
			if (kind.code.equals(code)) {
				return kind;
			}
		}
		throw new IllegalArgumentException("Unknown notification kind " + code);
	}

}
