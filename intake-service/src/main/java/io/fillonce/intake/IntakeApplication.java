package io.fillonce.intake;

import io.fillonce.edge.ContainerErrors;
import io.fillonce.identity.IdentityConfiguration;
import io.fillonce.web.WebConventions;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Submit once: validates records against their type's JSON Schema (from the registry view), stores every accepted
 * version together with its pending event in one MongoDB document, and relays the events to {@code fillonce.records}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({IdentityConfiguration.class, ContainerErrors.class, WebConventions.class})
@EnableScheduling
public class IntakeApplication {

    public static void main(String[] args) {
        SpringApplication.run(IntakeApplication.class, args);
    }
}
