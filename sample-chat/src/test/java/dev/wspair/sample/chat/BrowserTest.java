package dev.wspair.sample.chat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.wspair.testing.NoLeaks;
import dev.wspair.testing.RequiredTools;
import dev.wspair.webflux.ConnectionInfo;
import dev.wspair.webflux.WebSocketConnections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat page in headless Chromium, driven by Selenium through Debian's chromedriver with no
 * network access: two browser sessions in one room see each other join, chat both ways and see the
 * other quit; a dropped connection rejoins after 10 s without showing a message twice; a private
 * room is created over plain http. Skipped when Chromium is not installed, unless
 * {@code WSPAIR_REQUIRE_TOOLS=true}, which makes a missing browser fail the class.
 */
@ChatServerTest
@EnabledIf("chromiumInstalled")
@ExtendWith(NoLeaks.class)
class BrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static final By ROSTER = By.cssSelector("#roster p");

    private static final By CHATLOG = By.cssSelector("#chatlog p");

    @LocalServerPort
    private int port;

    @Autowired
    private WebSocketConnections connections;

    private final List<Browser> browsers = new ArrayList<>();

    /** One Chromium with its own profile, so two of them are two independent users. */
    private record Browser(WebDriver driver, WebDriverWait waiter, Path profile) {
    }

    static boolean chromiumInstalled() {
        return RequiredTools.available("Chromium", "apt-get install -y chromium chromium-driver", CHROMIUM, CHROMEDRIVER);
    }

    private Browser browser() throws IOException {
        Path profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
        WebDriver driver = new ChromeDriver(service, options);
        Browser browser = new Browser(driver, new WebDriverWait(driver, Duration.ofSeconds(20)), profile);
        this.browsers.add(browser);
        return browser;
    }

    @AfterEach
    void quitBrowsers() {
        for (Browser browser : this.browsers) {
            try {
                browser.driver().quit();
            }
            finally {
                FileSystemUtils.deleteRecursively(browser.profile().toFile());
            }
        }
    }

    private Browser enter(String room, String name) throws IOException {
        Browser browser = browser();
        browser.driver().get("http://localhost:" + this.port + "/#" + room);
        browser.driver().findElement(By.id("name-input")).sendKeys(name + Keys.ENTER);
        browser.waiter().withMessage(() -> "the roster to list " + name)
            .until(driver -> texts(driver.findElements(ROSTER)).contains(name));
        return browser;
    }

    private static void say(Browser browser, String message) {
        browser.driver().findElement(By.id("chat-input")).sendKeys(message + Keys.ENTER);
    }

    private static void awaitRoster(Browser browser, String... names) {
        browser.waiter().withMessage(() -> "the roster to be " + List.of(names) + ", not " + texts(browser.driver().findElements(ROSTER)))
            .until(driver -> texts(driver.findElements(ROSTER)).equals(List.of(names)));
    }

    private static void awaitLine(Browser browser, String line) {
        browser.waiter().withMessage(() -> "the line '" + line + "' in " + texts(browser.driver().findElements(CHATLOG)))
            .until(driver -> texts(driver.findElements(CHATLOG)).contains(line));
    }

    private static List<String> texts(List<WebElement> elements) {
        return elements.stream().map(WebElement::getText).toList();
    }

    @Test
    void twoBrowsersSeeEachOtherJoinChatBothWaysAndSeeTheOtherQuit() throws IOException {
        Browser alice = enter("browser-room", "alice");
        Browser bob = enter("browser-room", "bob");
        awaitRoster(bob, "alice", "bob");
        awaitRoster(alice, "alice", "bob");

        say(alice, "hello bob");
        awaitLine(bob, "alice: hello bob");
        awaitLine(alice, "alice: hello bob");
        say(bob, "hi alice <b>not bold</b>");
        awaitLine(alice, "bob: hi alice <b>not bold</b>");
        awaitLine(bob, "bob: hi alice <b>not bold</b>");
        assertThat(alice.driver().findElements(By.cssSelector("#chatlog b"))).as("text is never parsed as markup").isEmpty();
        assertThat(texts(alice.driver().findElements(CHATLOG))).contains("You are in #browser-room. Say hello!");

        bob.driver().quit();
        this.browsers.remove(bob);
        FileSystemUtils.deleteRecursively(bob.profile().toFile());
        awaitRoster(alice, "alice");
    }

    @Test
    void aDroppedConnectionRejoinsAfter10SecondsAndNoMessageIsShownTwice() throws IOException {
        List<Long> before = this.connections.list().stream().map(ConnectionInfo::id).toList();
        Browser alice = enter("rejoin-room", "alice");
        say(alice, "before the drop");
        awaitLine(alice, "alice: before the drop");
        ConnectionInfo connection = this.connections.list().stream().filter(info -> !before.contains(info.id())).findFirst().orElseThrow();

        this.connections.close(connection.id(), 4000, "dropped by the test");
        alice.waiter().until(ExpectedConditions.numberOfElementsToBe(ROSTER, 0));
        awaitRoster(alice, "alice");
        assertThat(Instant.now()).as("the page rejoins 10 s after it opened the dropped socket, not before")
            .isAfter(connection.openedAt().plusSeconds(9));

        say(alice, "after the drop");
        awaitLine(alice, "alice: after the drop");
        assertThat(texts(alice.driver().findElements(CHATLOG))).containsOnlyOnce("alice: before the drop");
    }

    @Test
    void aPrivateRoomIsCreatedOverPlainHttp() throws IOException {
        Browser carol = browser();
        carol.driver().get("http://localhost:" + this.port + "/");
        carol.driver().findElement(By.id("name-input")).sendKeys("carol" + Keys.ENTER);
        carol.waiter().until(ExpectedConditions.visibilityOfElementLocated(By.id("go-private"))).click();
        carol.waiter().until(driver -> driver.getCurrentUrl().matches(".*/#[0-9a-f]{64}"));
        awaitRoster(carol, "carol");
        awaitLine(carol, "This is a private room. Share this page's address to invite someone: " + carol.driver().getCurrentUrl());
    }

    @Test
    void anInvalidRoomNameIsReportedAndNothingConnects() throws IOException {
        List<Long> before = this.connections.list().stream().map(ConnectionInfo::id).toList();
        Browser dave = browser();
        dave.driver().get("http://localhost:" + this.port + "/#" + "z".repeat(40));
        dave.driver().findElement(By.id("name-input")).sendKeys("dave" + Keys.ENTER);
        awaitLine(dave, "ERROR: Invalid room name.");
        assertThat(this.connections.list()).extracting(ConnectionInfo::id).allMatch(before::contains);
    }
}
