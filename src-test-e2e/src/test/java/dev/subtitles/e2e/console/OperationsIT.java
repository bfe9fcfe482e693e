package dev.subtitles.e2e.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import dev.subtitles.e2e.IsolatedStack;

/**
 * The console's operations page in a real browser over the four packaged services: the instances' heartbeats, a
 * message the downloader dead-letters, and the dead-letter tools driven from the page.
 */
class OperationsIT extends BrowserTest {

    private static IsolatedStack stack;
    private static URI manager;
    private static String downloads;

    @BeforeAll
    static void startStack() throws Exception {
        stack = IsolatedStack.start(Map.of());
        manager = stack.stack().service("manager").baseUri();
        downloads = stack.names().queue("downloader");
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Override
    protected URI console() {
        return manager;
    }

    @Test
    void everyServiceInstanceShowsAliveWithItsHeartbeat() {
        browser.visit("/admin/operations");

        browser.waiting().withMessage("an alive instance of each service").until(driver -> aliveServices()
                .containsAll(List.of("downloader", "translator", "event-consumer")));
        assertThat(browser.find("queues-body").getText()).contains(downloads);
    }

    @Test
    void aDeadLetteredMessageIsRequeuedWithTheKeyboardAlone() throws Exception {
        String id = "poison-" + UUID.randomUUID();
        poison(id);
        awaitDeadLettered(id, 0);

        browser.visit("/admin/operations");
        WebElement row = browser.waiting().withMessage("the dead letter listed")
                .until(ExpectedConditions.presenceOfElementLocated(row(id)));
        assertThat(row.getText()).contains("undecodable event");
        assertThat(browser.unlabelledControls()).as("controls without a label on the operations page").isEmpty();

        Actions keyboard = new Actions(browser.driver());
        String requeue = "Requeue message " + id;
        for (int presses = 0; presses < 60 && !requeue.equals(focusedLabel()); presses++) {
            keyboard.sendKeys(Keys.TAB).perform();
        }
        assertThat(focusedLabel()).isEqualTo(requeue);
        assertThat(browser.focusIsVisible()).as("focus ring on the requeue button").isTrue();
        keyboard.sendKeys(Keys.ENTER).perform();

        browser.waiting().withMessage("the requeue confirmed")
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("dlq-status"), id + " requeued"));
        // The downloader cannot decode it either: it comes back, counted as requeued once.
        awaitDeadLettered(id, 1);
        assertThat(browser.focusedId()).isEqualTo("dlq-show");
        keyboard.sendKeys(Keys.ENTER).perform();
        browser.waiting().withMessage("the dead letter back, requeued once")
                .until(driver -> Boolean.TRUE.equals(browser.driver().executeScript(
                        "const row = document.querySelector(arguments[0]);"
                                + "return row !== null && row.textContent.includes('requeued 1 time');",
                        "#dlq-body tr[data-message-id='" + id + "']")));
    }

    @Test
    void aDeadLetteredMessageIsDiscardedWithAClick() throws Exception {
        String id = "poison-" + UUID.randomUUID();
        poison(id);
        awaitDeadLettered(id, 0);

        browser.visit("/admin/operations");
        WebElement row = browser.waiting().until(ExpectedConditions.presenceOfElementLocated(row(id)));
        row.findElement(By.cssSelector("button.discard")).click();
        browser.waiting().until(ExpectedConditions.alertIsPresent()).accept();

        browser.waiting().withMessage("the discard confirmed")
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("dlq-status"), id + " discarded"));
        assertThat(browser.driver().findElements(row(id))).isEmpty();
        assertThat(deadLetterIds()).doesNotContain(id);
    }

    private static By row(String id) {
        return By.cssSelector("#dlq-body tr[data-message-id='" + id + "']");
    }

    private String focusedLabel() {
        return String.valueOf(browser.driver().executeScript(
                "return document.activeElement.getAttribute('aria-label')"));
    }

    @SuppressWarnings("unchecked")
    private List<String> aliveServices() {
        return (List<String>) browser.driver().executeScript("""
                return Array.from(document.querySelectorAll('#instances-body tr'))
                  .filter(row => row.querySelector('.state-alive'))
                  .map(row => row.cells[0].textContent);
                """);
    }

    /** Publishes a message the downloader cannot decode straight into its work queue. */
    private static void poison(String id) throws IOException, TimeoutException {
        try (Connection connection = new ConnectionFactory().newConnection("operations-it");
                Channel channel = connection.createChannel()) {
            channel.basicPublish("", downloads, new AMQP.BasicProperties.Builder().messageId(id)
                    .type("subtitle.download.requested").deliveryMode(2).build(),
                    "not a CloudEvent".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void awaitDeadLettered(String id, int requeues) {
        await().atMost(Duration.ofSeconds(60)).until(() -> given().baseUri(manager.toString())
                .get("/admin/dead-letters/{queue}", downloads).then().statusCode(200).extract().jsonPath()
                .getList("messages.findAll { it.id == '" + id + "' && it.requeues == " + requeues + " }")
                .size() == 1);
    }

    private static List<String> deadLetterIds() {
        return given().baseUri(manager.toString()).get("/admin/dead-letters/{queue}", downloads).then()
                .statusCode(200).extract().jsonPath().getList("messages.id");
    }
}
