package dev.wspair.sample.clickcounter;

import java.nio.file.Path;

import dev.wspair.testing.RequiredTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests the skip-or-fail rule of the shared {@link RequiredTools}.
 */
class RequiredToolsTest {

    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    @Test
    void isAvailableWhenEveryBinaryIsExecutable() {
        assertThat(RequiredTools.available(true, "Java", "install a JDK", JAVA)).isTrue();
    }

    @Test
    void skipsWhenABinaryIsMissingAndToolsAreNotRequired(@TempDir Path dir) {
        assertThat(RequiredTools.available(false, "Chromium", "apt-get install -y chromium", JAVA, dir.resolve("chromium"))).isFalse();
    }

    @Test
    void failsNamingTheMissingBinaryAndTheInstallCommandWhenToolsAreRequired(@TempDir Path dir) {
        Path missing = dir.resolve("chromedriver");
        assertThatIllegalStateException()
            .isThrownBy(() -> RequiredTools.available(true, "Chromium", "apt-get install -y chromium chromium-driver", JAVA, missing))
            .withMessageContaining(missing.toString())
            .withMessageContaining("WSPAIR_REQUIRE_TOOLS=true")
            .withMessageContaining("apt-get install -y chromium chromium-driver")
            .withMessageNotContaining(JAVA.toString());
    }
}
