package dev.subtitles.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ServicesStartIT {

    private static Stack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = Stack.start(Map.of("DB_NAME", "subtitles_test"));
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyPackagedServiceStartsAndReportsHealthy() {
        assertThat(stack.services()).extracting(ServiceProcess::name).containsExactlyElementsOf(Stack.SERVICES);
        for (ServiceProcess service : stack.services()) {
            given().baseUri(service.baseUri().toString())
                    .when().get("/q/health")
                    .then().statusCode(200).body("status", is("UP"));
        }
    }
}
