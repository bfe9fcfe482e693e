package dev.subtitles.e2e.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;

import dev.subtitles.e2e.E2eNames;
import dev.subtitles.e2e.Stack;
import dev.subtitles.e2e.TokenIssuer;
import io.restassured.http.ContentType;

/**
 * The console with authentication on, in a real browser: it asks for a token, shows the tenant's jobs and no one
 * else's once given one, signs out, and tells a non-admin that the operations page needs the admin role.
 */
class ConsoleAuthIT extends BrowserTest {

    private static final String TENANT_A = "studio-a";
    private static final String TENANT_B = "studio-b";
    private static final E2eNames NAMES = E2eNames.withOwnDatabase();

    private static TokenIssuer issuer;
    private static Stack stack;
    private static URI manager;
    private static UUID jobA;
    private static UUID jobB;

    @BeforeAll
    static void startStackAndSubmitOneJobPerTenant() throws Exception {
        issuer = TokenIssuer.generate();
        stack = Stack.start(issuer.withAuth(NAMES.environment()), List.of("event-consumer", "manager", "downloader"),
                Map.of());
        manager = stack.service("manager").baseUri();
        jobA = submit(TENANT_A, "The Lighthouse Clock");
        jobB = submit(TENANT_B, "Paper Boats");
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
        NAMES.delete();
        if (issuer != null) {
            issuer.close();
        }
    }

    @Override
    protected URI console() {
        return manager;
    }

    @Test
    void withoutATokenTheConsoleAsksForOneAndWithOneShowsOnlyItsTenantsJobs() {
        browser.visit("/console");
        browser.waiting().withMessage("the token field, asked for")
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("auth-status"),
                        "enter an access token"));
        assertThat(browser.find("auth-form").isDisplayed()).isTrue();
        assertThat(browser.unlabelledControls()).as("controls without a label, signed out").isEmpty();

        browser.find("auth-token").sendKeys(issuer.token(TENANT_A, TokenIssuer.VIEWER), Keys.ENTER);

        browser.waiting().withMessage("tenant A's job listed")
                .until(ExpectedConditions.presenceOfElementLocated(jobLink(jobA)));
        assertThat(browser.driver().findElements(jobLink(jobB))).as("tenant B's job in tenant A's list").isEmpty();
        assertThat(browser.find("auth-status").getText()).contains("tenant " + TENANT_A);

        browser.find("auth-sign-out").click();
        browser.waiting().withMessage("the token field back after signing out")
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("auth-form")));
        assertThat(browser.driver().manage().getCookieNamed("subtitles_token")).isNull();
    }

    @Test
    void theOperationsPageTellsANonAdminThatItNeedsTheAdminRole() {
        browser.visit("/console");
        signIn(issuer.token(TENANT_A, TokenIssuer.VIEWER, TokenIssuer.SUBMITTER));
        browser.visit("/admin/operations");
        browser.waiting().withMessage("the page saying it needs the admin role").until(driver -> String
                .valueOf(browser.driver().executeScript("return document.body.innerText")).contains("admin role"));

        signIn(issuer.token(TENANT_A, TokenIssuer.ADMIN));
        browser.visit("/admin/operations");
        browser.waiting().withMessage("the queues shown to an admin").until(ExpectedConditions
                .textToBePresentInElementLocated(By.id("queues-body"), NAMES.queue("downloader")));
    }

    private void signIn(String token) {
        browser.driver().manage().addCookie(new Cookie.Builder("subtitles_token", token).path("/").build());
    }

    private static By jobLink(UUID job) {
        return By.cssSelector("#jobs-body a[href='/console/jobs/" + job + "']");
    }

    private static UUID submit(String tenant, String title) {
        String id = given().baseUri(manager.toString()).auth().oauth2(issuer.token(tenant, TokenIssuer.SUBMITTER))
                .contentType(ContentType.JSON).body(Map.of("video", Map.of("title", title), "language", "es"))
                .post("/jobs").then().statusCode(202).extract().path("id");
        return UUID.fromString(id);
    }
}
