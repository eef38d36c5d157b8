package io.bugbridge.jira;

/**
 * One check of the Jira set-up.
 *
 * @param name what was checked, e.g. {@code credentials}
 * @param status {@code OK}, {@code WARN} or {@code FAIL}
 * @param detail what was found
 * @param hint how to fix it; null when nothing needs fixing
 */
public record DoctorCheck(String name, Status status, String detail, String hint) {

	public enum Status {
		OK, WARN, FAIL
	}

	static DoctorCheck ok(String name, String detail) {
		return new DoctorCheck(name, Status.OK, detail, null);
	}

	static DoctorCheck warn(String name, String detail, String hint) {
		return new DoctorCheck(name, Status.WARN, detail, hint);
	}

	static DoctorCheck fail(String name, String detail, String hint) {
		return new DoctorCheck(name, Status.FAIL, detail, hint);
	}

	/** One line: {@code [ OK ] credentials: ...} with the fix after an arrow. */
	public String line() {
		String tag = switch (status) {
			case OK -> "[ OK ]";
			case WARN -> "[WARN]";
			case FAIL -> "[FAIL]";
		};
		return tag + " " + name + ": " + detail + (hint == null ? "" : " -> fix: " + hint);
	}

}
