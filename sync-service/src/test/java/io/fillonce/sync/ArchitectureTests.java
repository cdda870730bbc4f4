package io.fillonce.sync;

import io.fillonce.architecture.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** The platform's architecture rules (the architecture module) hold for this service. */
class ArchitectureTests {

    @Test
    void followsThePlatformsArchitecture() {
        ServiceArchitecture.check("io.fillonce.sync");
    }
}
