package dev.subtitles.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ServicesStartIT {

    private static final E2eNames NAMES = new E2eNames();
    private static Stack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = Stack.start(NAMES.environment());
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
        NAMES.delete();
    }

    @Test
    void everyPackagedServiceStartsAndReportsHealthy() {
        assertThat(stack.services()).extracting(ServiceProcess::name).containsExactlyElementsOf(Stack.SERVICES);
        for (ServiceProcess service : stack.services()) {
            given().baseUri(service.healthUri().toString())
                    .when().get("/q/health")
                    .then().statusCode(200).body("status", is("UP"));
        }
    }
}
