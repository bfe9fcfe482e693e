package dev.subtitles.e2e.console;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Saves what the browser showed when a test failed, as {@code target/screenshots/<class>.<test>.png}: after the test
 * method and before {@code @AfterEach}, while the browser is still open.
 */
public final class ScreenshotOnFailure implements AfterTestExecutionCallback {

    /** A test class whose browser this extension can photograph. */
    interface WithBrowser {

        /** The test's browser, or {@code null} when it has none (it failed to start). */
        ConsoleBrowser browser();
    }

    private static final Path FOLDER = Path.of("target", "screenshots");

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isEmpty()
                || !(context.getRequiredTestInstance() instanceof WithBrowser test) || test.browser() == null) {
            return;
        }
        Path file = FOLDER.resolve(context.getRequiredTestClass().getSimpleName() + "."
                + context.getRequiredTestMethod().getName() + ".png");
        try {
            test.browser().screenshot(file);
            System.err.println("screenshot of the failed test: " + file.toAbsolutePath());
        } catch (IOException | RuntimeException e) {
            context.getExecutionException().get().addSuppressed(e);
        }
    }
}
