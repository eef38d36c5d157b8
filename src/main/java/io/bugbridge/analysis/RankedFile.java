package io.bugbridge.analysis;

import java.util.List;

/** A file to examine, its combined score and the evidence behind it, strongest first. */
public record RankedFile(String path, double score, List<Evidence> evidence) {

	public RankedFile {
		evidence = List.copyOf(evidence);
	}

}
