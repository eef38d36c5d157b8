package io.bugbridge.analysis.index;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SourceFactsTests {

	@Test
	void python() {
		SourceFacts f = SourceFacts.of("pkg/mod.py", """
				from .core import Table, Column
				import numpy.linalg

				class Writer(Base):
				    async def write_rows(self, rows):
				        pass
				""");
		assertThat(f.definitions()).containsExactly("Writer", "write_rows");
		assertThat(f.imports()).contains(".core", ".core.Table", ".core.Column", "numpy.linalg");
	}

	@Test
	void java() {
		SourceFacts f = SourceFacts.of("src/Foo.java", """
				package a.b;
				import java.util.List;
				import static a.c.Util.check;

				public final class Foo implements Bar {
					public static List<String> names(int max) throws IOException {
						if (max > 0) {
							return List.of();
						}
						return null;
					}
				}
				""");
		assertThat(f.definitions()).containsExactly("Foo", "names");
		assertThat(f.imports()).containsExactly("java.util.List", "a.c.Util.check");
	}

	@Test
	void typescriptAndGo() {
		assertThat(SourceFacts.of("web/cart.ts", """
				import { Api } from './api';
				export class CartStore {
				  addItem(id: string): void {
				  }
				}
				export const total = (lines: number[]) => lines.length;
				""").definitions()).contains("CartStore", "addItem", "total");
		assertThat(SourceFacts.of("srv/handler.go", """
				package srv
				type Server struct{}
				func (s *Server) Handle() {}
				func main() {}
				""").definitions()).containsExactly("Server", "Handle", "main");
	}

}
