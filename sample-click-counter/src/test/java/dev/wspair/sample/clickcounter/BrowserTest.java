package dev.wspair.sample.clickcounter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.wspair.testing.RequiredTools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page in headless Chromium, driven by Selenium through Debian's chromedriver with no network
 * access. The class gets a fresh application context, so the shared counter starts at 0 and the
 * clicks read 1, 2, 3.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = ClassMode.BEFORE_CLASS)
@EnabledIf("chromiumInstalled")
class BrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static final By NUM = By.id("num");

    private static final By ERROR = By.id("error");

    private static final By EVENTS = By.cssSelector("#events li");

    @LocalServerPort
    private int port;

    private Path profile;

    private WebDriver browser;

    private WebDriverWait wait;

    static boolean chromiumInstalled() {
        return RequiredTools.available("Chromium", "apt-get install -y chromium chromium-driver", CHROMIUM, CHROMEDRIVER);
    }

    @BeforeEach
    void startBrowser() throws IOException {
        this.profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + this.profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
        this.browser = new ChromeDriver(service, options);
        this.wait = new WebDriverWait(this.browser, Duration.ofSeconds(10));
    }

    @AfterEach
    void stopBrowser() throws IOException {
        try {
            if (this.browser != null) {
                this.browser.quit();
            }
        }
        finally {
            FileSystemUtils.deleteRecursively(this.profile);
        }
    }

    @Test
    void countsClicksShowsTheUnknownMessageErrorAndResetsOnClose() {
        this.browser.get("http://localhost:" + this.port + "/");
        this.wait.until(ExpectedConditions.textToBe(NUM, "0"));

        for (int expected = 1; expected <= 3; expected++) {
            this.browser.findElement(By.id("click")).click();
            this.wait.until(ExpectedConditions.textToBe(NUM, String.valueOf(expected)));
        }
        List<String> events = texts(this.wait.until(ExpectedConditions.numberOfElementsToBe(EVENTS, 3)));
        assertThat(events).allSatisfy(event -> assertThat(event).matches(Replies.COUNT));
        assertThat(events).extracting(Replies::count).as("newest first").containsExactly(3L, 2L, 1L);

        this.browser.findElement(By.id("unknown")).click();
        this.wait.until(ExpectedConditions.textToBe(ERROR, "Unknown message received"));
        events = texts(this.wait.until(ExpectedConditions.numberOfElementsToBe(EVENTS, 4)));
        assertThat(events.get(0)).matches(Replies.ERROR);
        assertThat(this.browser.findElement(NUM).getText()).isEqualTo("3");

        this.browser.findElement(By.id("close")).click();
        this.wait.until(ExpectedConditions.numberOfElementsToBe(EVENTS, 0));
        assertThat(this.browser.findElement(NUM).getText()).isEqualTo("0");
        assertThat(this.browser.findElement(ERROR).getText()).isEmpty();
    }

    /**
     * A page from another origin (another port) that tries to open the sample's socket: the
     * handshake is refused with 403 before the upgrade, so the browser reports an error and a
     * close without ever opening.
     */
    @Test
    void pageFromAnotherOriginIsRefused() {
        String hostile = """
                <!doctype html><title>elsewhere</title><p id="status">connecting</p>
                <script>
                  const status = document.getElementById('status');
                  const events = [];
                  const ws = new WebSocket('ws://localhost:%d/ws');
                  ws.onopen = () => { events.push('open'); status.textContent = events.join(' '); };
                  ws.onerror = () => { events.push('error'); status.textContent = events.join(' '); };
                  ws.onclose = (e) => { events.push('close ' + e.code); status.textContent = events.join(' '); };
                </script>
                """.formatted(this.port);
        DisposableServer elsewhere = HttpServer.create()
            .host("localhost")
            .port(0)
            .route(routes -> routes.get("/", (request, response) -> response.header("Content-Type", "text/html;charset=utf-8").sendString(Mono.just(hostile))))
            .bindNow();
        try {
            this.browser.get("http://localhost:" + elsewhere.port() + "/");
            this.wait.until(ExpectedConditions.textToBe(By.id("status"), "error close 1006"));
        }
        finally {
            elsewhere.disposeNow();
        }
        this.browser.get("http://localhost:" + this.port + "/");
        this.wait.until(ExpectedConditions.textToBe(NUM, "0"));
    }

    private static List<String> texts(List<WebElement> elements) {
        return elements.stream().map(WebElement::getText).toList();
    }
}
