package io.fillonce.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/** The identity token names the one service it is for: every route to a service says which, and says it right. */
class RouteAudienceTests {

    private static final String ROUTES = "spring.cloud.gateway.server.webflux.routes";
    private static final Map<String, String> SERVICE_OF = Map.of("${INTAKE_URL", "intake-service",
            "${SYNC_URL", "sync-service", "${REGISTRY_URL", "registry-service");

    @Test
    void everyRouteToAServiceNamesThatServiceAsItsAudience() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        Properties config = yaml.getObject();
        List<String> wrong = new ArrayList<>();
        int services = 0;
        for (int i = 0; config.containsKey(ROUTES + "[" + i + "].id"); i++) {
            String uri = config.getProperty(ROUTES + "[" + i + "].uri");
            String audience = config.getProperty(ROUTES + "[" + i + "].metadata.audience");
            String service = SERVICE_OF.get(uri.substring(0, Math.max(uri.indexOf(':'), 0)));
            if (service != null) {
                services++;
            }
            if (service == null ? audience != null : !service.equals(audience)) {
                wrong.add(config.getProperty(ROUTES + "[" + i + "].id") + " to " + uri + " has audience " + audience);
            }
        }
        assertThat(services).isGreaterThanOrEqualTo(10);
        assertThat(wrong).isEmpty();
    }
}
