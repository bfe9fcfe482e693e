package dev.subtitles.manager.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Applies {@link TestInfrastructure} to every {@code @QuarkusTest}, so they all share one application start. */
@QuarkusTestResource(TestInfrastructure.class)
public final class TestInfrastructureActivation {

    private TestInfrastructureActivation() {
    }
}
