package dev.subtitles.e2e.console;

import java.io.IOException;
import java.net.URI;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that drives the console in a real browser: each test gets a fresh browser on {@link #console()}, closed after
 * it and photographed when the test fails.
 */
@ExtendWith(ScreenshotOnFailure.class)
abstract class BrowserTest implements ScreenshotOnFailure.WithBrowser {

    /** The running test's browser. */
    protected ConsoleBrowser browser;

    /** Where the console is: the manager the browser opens pages of. */
    protected abstract URI console();

    @BeforeEach
    void openBrowser() throws IOException {
        browser = ConsoleBrowser.open(console());
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Override
    public ConsoleBrowser browser() {
        return browser;
    }
}
