package io.bugbridge.fix.workspace;

/** How a file differs from the base commit. */
public enum ChangeType {

	ADDED, MODIFIED, DELETED, RENAMED

}
