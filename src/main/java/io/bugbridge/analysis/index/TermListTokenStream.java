package io.bugbridge.analysis.index;

import java.util.Iterator;
import java.util.List;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** Feeds terms that {@link CodeText} already produced to Lucene, so each text is analysed once. */
final class TermListTokenStream extends TokenStream {

	private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

	private final List<String> terms;

	private Iterator<String> it;

	TermListTokenStream(List<String> terms) {
		this.terms = terms;
	}

	@Override
	public void reset() {
		it = terms.iterator();
	}

	@Override
	public boolean incrementToken() {
		if (!it.hasNext()) {
			return false;
		}
		clearAttributes();
		term.setEmpty().append(it.next());
		return true;
	}

}
