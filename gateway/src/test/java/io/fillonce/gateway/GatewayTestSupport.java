package io.fillonce.gateway;

import java.io.IOException;

import com.sun.net.httpserver.HttpServer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One gateway for every integration test class (they share this Spring context): requests go to a tiny upstream
 * that echoes what it received, and the sync route's service is down unless a test class says otherwise.
 */
public abstract class GatewayTestSupport extends GatewayTestBase {

    protected static final HttpServer UPSTREAM = startUpstream();

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        String echo = "http://127.0.0.1:" + UPSTREAM.getAddress().getPort();
        registry.add("REGISTRY_URL", () -> echo);
        registry.add("INTAKE_URL", () -> echo);
        String down = "http://127.0.0.1:" + closedPort();
        registry.add("SYNC_URL", () -> down);
    }

    private static HttpServer startUpstream() {
        try {
            return EchoUpstream.start();
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Port 1 (tcpmux) is privileged and never served here: a port no later test socket can take over. */
    private static int closedPort() {
        return 1;
    }
}
