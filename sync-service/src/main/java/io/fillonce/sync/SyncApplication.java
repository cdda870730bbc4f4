package io.fillonce.sync;

import io.fillonce.edge.ContainerErrors;
import io.fillonce.identity.IdentityConfiguration;
import io.fillonce.web.WebConventions;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** Share everywhere: maps every canonical record through each matching subscription to the departments. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({IdentityConfiguration.class, ContainerErrors.class, WebConventions.class})
public class SyncApplication {

    public static void main(String[] args) {
        SpringApplication.run(SyncApplication.class, args);
    }
}
