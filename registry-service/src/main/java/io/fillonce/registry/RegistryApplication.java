package io.fillonce.registry;

import io.fillonce.edge.ContainerErrors;
import io.fillonce.identity.IdentityConfiguration;
import io.fillonce.web.WebConventions;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The single writer of registry state; publishes every change to the compacted topic fillonce.registry. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({IdentityConfiguration.class, ContainerErrors.class, WebConventions.class})
@EnableScheduling
public class RegistryApplication {

    public static void main(String[] args) {
        SpringApplication.run(RegistryApplication.class, args);
    }
}
