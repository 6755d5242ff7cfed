package dev.wspair.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The condition behind {@code @EnabledIf} for tests that need a program installed on the machine
 * (a browser, a Redis server): such a test is skipped where the program is missing, unless the
 * environment variable {@value #REQUIRE_TOOLS} is {@code true}, as on CI, where a missing program
 * fails the test class instead.
 */
public final class RequiredTools {

    public static final String REQUIRE_TOOLS = "WSPAIR_REQUIRE_TOOLS";

    private RequiredTools() {
    }

    /**
     * Whether all binaries of a tool are installed.
     * @param tool the tool's name, for the error message
     * @param installHint the command that installs the binaries
     * @param binaries the executables the test runs
     * @return {@code true} if every binary is executable, {@code false} if one is missing
     * @throws IllegalStateException if one is missing and {@value #REQUIRE_TOOLS} is {@code true}
     */
    public static boolean available(String tool, String installHint, Path... binaries) {
        return available("true".equals(System.getenv(REQUIRE_TOOLS)), tool, installHint, binaries);
    }

    /**
     * Like {@link #available(String, String, Path...)} with the switch given instead of read from
     * the environment.
     * @param required whether a missing binary fails instead of skipping
     * @param tool the tool's name, for the error message
     * @param installHint the command that installs the binaries
     * @param binaries the executables the test runs
     * @return {@code true} if every binary is executable, {@code false} if one is missing
     * @throws IllegalStateException if one is missing and {@code required}
     */
    public static boolean available(boolean required, String tool, String installHint, Path... binaries) {
        List<Path> missing = Stream.of(binaries).filter(binary -> !Files.isExecutable(binary)).toList();
        if (missing.isEmpty()) {
            return true;
        }
        if (required) {
            String paths = missing.stream().map(Path::toString).collect(Collectors.joining(", "));
            throw new IllegalStateException(tool + " is required because " + REQUIRE_TOOLS + "=true, but " + paths
                    + " is missing. Install it with: " + installHint);
        }
        return false;
    }
}
