package dev.subtitles.auth.testing;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * Requests to the management interface of the application under test (health, metrics), which listens on a port of
 * its own: a free one in tests ({@code %test.quarkus.management.test-port=0}), published once it is bound.
 */
public final class Management {

    private Management() {
    }

    /** A request to the management interface, without credentials (it needs none). */
    public static RequestSpecification given() {
        return RestAssured.given().port(ConfigProvider.getConfig().getValue("quarkus.management.test-port",
                Integer.class));
    }
}
