package io.fillonce.registry.principal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import io.fillonce.registry.system.Problems;

/** At start-up, makes sure the configured bootstrap admin key lets someone in. */
@Component
class BootstrapAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final BootstrapSettings settings;
    private final Principals principals;

    BootstrapAdmin(BootstrapSettings settings, Principals principals) {
        this.settings = settings;
        this.principals = principals;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (Problems.hasText(settings.adminKey())) {
            log.info("bootstrap admin {} is in place", principals.ensureBootstrapAdmin(settings.adminKey().strip()));
        }
    }
}
