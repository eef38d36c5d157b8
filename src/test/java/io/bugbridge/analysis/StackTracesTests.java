package io.bugbridge.analysis;

import java.util.List;

import io.bugbridge.analysis.StackFrame.Language;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StackTracesTests {

	@Test
	void java() {
		List<StackFrame> frames = StackTraces.parse("""
				java.lang.NullPointerException: name
				\tat org.apache.catalina.realm.MemoryRealm.addUser(MemoryRealm.java:123)
				\tat org.apache.catalina.realm.MemoryRuleSet$1.begin(MemoryRuleSet.java:45)
				\tat sun.reflect.NativeMethodAccessorImpl.invoke0(Native Method)
				""");
		assertThat(frames).containsExactly(
				new StackFrame(Language.JAVA, "MemoryRealm.java", "org.apache.catalina.realm.MemoryRealm", "addUser", 123),
				new StackFrame(Language.JAVA, "MemoryRuleSet.java", "org.apache.catalina.realm.MemoryRuleSet", "begin", 45),
				new StackFrame(Language.JAVA, null, "sun.reflect.NativeMethodAccessorImpl", "invoke0", 0));
	}

	@Test
	void python() {
		List<StackFrame> frames = StackTraces.parse("""
				Traceback (most recent call last):
				  File "<stdin>", line 1, in <module>
				  File "/usr/lib/python3/dist-packages/astropy/io/ascii/ui.py", line 856, in write
				    writer = get_writer(Writer=Writer, fast_writer=fast_writer, **kwargs)
				TypeError: RST.__init__() got an unexpected keyword argument 'header_rows'
				""");
		assertThat(frames).extracting(StackFrame::file).containsExactly("<stdin>", "/usr/lib/python3/dist-packages/astropy/io/ascii/ui.py");
		assertThat(frames.get(1).function()).isEqualTo("write");
		assertThat(frames.get(1).line()).isEqualTo(856);
		assertThat(frames).allMatch(f -> f.language() == Language.PYTHON);
	}

	@Test
	void javascriptAndTypescript() {
		List<StackFrame> frames = StackTraces.parse("""
				TypeError: Cannot read properties of undefined (reading 'id')
				    at UserService.load (/app/src/services/user.service.ts:42:17)
				    at async Promise.all (index 0)
				    at /app/node_modules/express/lib/router/layer.js:95:5
				""");
		assertThat(frames).extracting(StackFrame::file)
			.containsExactly("/app/src/services/user.service.ts", "/app/node_modules/express/lib/router/layer.js");
		assertThat(frames.get(0).function()).isEqualTo("UserService.load");
		assertThat(frames.get(0).line()).isEqualTo(42);
	}

	@Test
	void go() {
		List<StackFrame> frames = StackTraces.parse("""
				panic: runtime error: invalid memory address or nil pointer dereference
				goroutine 1 [running]:
				main.(*Server).handle(0x0, 0xc000010000)
				\t/home/dev/app/server/handler.go:27 +0x1d
				main.main()
				\t/home/dev/app/main.go:12 +0x25
				""");
		assertThat(frames).extracting(StackFrame::file).containsExactly("/home/dev/app/server/handler.go", "/home/dev/app/main.go");
		assertThat(frames.get(0).function()).isEqualTo("main.(*Server).handle");
		assertThat(frames).allMatch(f -> f.language() == Language.GO);
	}

	@Test
	void csharp() {
		List<StackFrame> frames = StackTraces.parse("""
				System.InvalidOperationException: Sequence contains no elements
				   at System.Linq.Enumerable.First[TSource](IEnumerable`1 source)
				   at Shop.Orders.OrderService.Submit(Order order) in C:\\src\\Shop\\Orders\\OrderService.cs:line 88
				""");
		assertThat(frames).extracting(StackFrame::language).containsOnly(Language.CSHARP);
		StackFrame own = frames.get(frames.size() - 1);
		assertThat(own.file()).isEqualTo("C:\\src\\Shop\\Orders\\OrderService.cs");
		assertThat(own.type()).isEqualTo("Shop.Orders.OrderService");
		assertThat(own.function()).isEqualTo("Submit");
		assertThat(own.line()).isEqualTo(88);
	}

	@Test
	void rubyAndPhp() {
		List<StackFrame> frames = StackTraces.parse("""
				NoMethodError: undefined method `name' for nil
				/app/app/models/user.rb:42:in `display_name'
				PHP Fatal error:  Uncaught Error: Call to a member function get() on null in /var/www/src/Cart.php:17
				#0 /var/www/src/Checkout.php(31): Cart->total()
				""");
		assertThat(frames).extracting(StackFrame::language, StackFrame::file, StackFrame::line)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(Language.RUBY, "/app/app/models/user.rb", 42),
					org.assertj.core.groups.Tuple.tuple(Language.PHP, "/var/www/src/Cart.php", 17),
					org.assertj.core.groups.Tuple.tuple(Language.PHP, "/var/www/src/Checkout.php", 31));
		assertThat(frames.get(0).function()).isEqualTo("display_name");
	}

	@Test
	void proseHasNoFrames() {
		assertThat(StackTraces.parse("Look at the docs (see below) in the file settings.py: it fails at startup."))
			.isEmpty();
	}

}
