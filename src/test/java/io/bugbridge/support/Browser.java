package io.bugbridge.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

/**
 * Debian's headless Chromium driven through its chromedriver: one per test class, since starting
 * a browser costs seconds on a small machine. Screenshots go to {@code target/screenshots/}.
 * Without Chromium these tests are skipped with one line naming the package, and fail when
 * {@code CI=true} ({@link Requires#browser()}); {@code BUGBRIDGE_SKIP_BROWSER_TESTS=true} skips them
 * anyway (CI installs it: {@code apt-get install -y chromium chromium-driver}).
 */
public final class Browser implements AutoCloseable {

	public static final Dimension DESKTOP = new Dimension(1280, 900);

	public static final Dimension PHONE = new Dimension(375, 812);

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private final ChromeDriver driver;

	private final Path profile;

	private final String baseUrl;

	private Browser(ChromeDriver driver, Path profile, int port) {
		this.driver = driver;
		this.profile = profile;
		this.baseUrl = "http://localhost:" + port;
	}

	public static Browser start(int port) {
		return start(port, true);
	}

	/** A browser with scripts off, as some users and locked-down machines have it: the pages must work without. */
	public static Browser startWithoutScript(int port) {
		return start(port, false);
	}

	private static Browser start(int port, boolean script) {
		Requires.browser();
		try {
			Path profile = Files.createTempDirectory("bugbridge-chromium");
			ChromeOptions options = new ChromeOptions();
			options.setBinary(CHROMIUM.toFile());
			// Headless in a closed network: without the background-networking switches Chromium's own
			// connections (updates, sync, field trials) are refused and slow everything down.
			options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
					"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
					"--disable-extensions", "--lang=en-US", "--force-device-scale-factor=1",
					"--user-data-dir=" + profile, "--window-size=" + DESKTOP.width + "," + DESKTOP.height);
			if (!script) {
				// Blocks the pages' scripts; WebDriver's own (screenshots, waits) still run.
				options.addArguments("--blink-settings=scriptEnabled=false");
			}
			ChromeDriverService service = new ChromeDriverService.Builder()
				.usingDriverExecutable(CHROMEDRIVER.toFile())
				.usingAnyFreePort()
				.build();
			ChromeDriver driver = new ChromeDriver(service, options);
			driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
			driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
			return new Browser(driver, profile, port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public WebDriver driver() {
		return driver;
	}

	public String url(String path) {
		return baseUrl + path;
	}

	public void open(String path) {
		driver.get(url(path));
	}

	public String path() {
		return driver.getCurrentUrl().substring(baseUrl.length());
	}

	public void signIn(String email) {
		open("/login");
		find(By.id("email")).sendKeys(email);
		find(By.id("password")).sendKeys(TestAccounts.PASSWORD);
		find(By.cssSelector("form[action='/login'] button[type=submit]")).click();
		waitUntil(d -> !path().startsWith("/login"));
	}

	public void signOut() {
		find(By.cssSelector("form.signout button")).click();
		waitUntil(d -> path().startsWith("/login"));
	}

	public WebElement find(By by) {
		return waitUntil(d -> {
			var found = d.findElements(by);
			return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
		});
	}

	/** Waits for an element's exact text; survives the element being swapped meanwhile (htmx). */
	public void waitForText(By by, String text) {
		waitUntil(ExpectedConditions.textToBe(by, text));
	}

	public <T> T waitUntil(Function<WebDriver, T> condition) {
		return waitUntil(Duration.ofSeconds(10), condition);
	}

	public <T> T waitUntil(Duration timeout, Function<WebDriver, T> condition) {
		// htmx replaces elements while we look at them: an element gone stale just means "look again".
		return new WebDriverWait(driver, timeout, Duration.ofMillis(100))
			.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until(condition);
	}

	@SuppressWarnings("unchecked")
	public <T> T script(String script, Object... arguments) {
		return (T) ((JavascriptExecutor) driver).executeScript(script, arguments);
	}

	/** htmx and our script are loaded and the page has settled (no request in flight). */
	public void settled() {
		waitUntil(d -> Boolean.TRUE.equals(script("return !!window.htmx && document.readyState === 'complete'"
				+ " && document.querySelectorAll('.htmx-request').length === 0")));
	}

	public void size(Dimension size) {
		driver.manage().window().setSize(size);
	}

	/** Width of the page's content: at most the window's when nothing overflows sideways. */
	public long scrollWidth() {
		return script("return document.documentElement.scrollWidth");
	}

	public long viewportWidth() {
		return script("return window.innerWidth");
	}

	/** Saves the whole page (not only the window) as {@code target/screenshots/<name>.png}. */
	public Path screenshot(String name) {
		Dimension size = driver.manage().window().getSize();
		try {
			script("window.scrollTo(0, 0)");
			long height = script("return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)");
			driver.manage().window().setSize(new Dimension(size.width, (int) Math.min(Math.max(height, 600) + 120, 8000)));
			Files.createDirectories(SCREENSHOTS);
			File shot = driver.getScreenshotAs(OutputType.FILE);
			Path target = SCREENSHOTS.resolve(name + ".png");
			Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			driver.manage().window().setSize(size);
		}
	}

	@Override
	public void close() {
		try {
			driver.quit();
		}
		finally {
			FileSystemUtils.deleteRecursively(profile.toFile());
		}
	}

}
