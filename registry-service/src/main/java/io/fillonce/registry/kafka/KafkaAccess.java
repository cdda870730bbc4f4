package io.fillonce.registry.kafka;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import io.fillonce.registry.system.BrokerUnavailable;

/**
 * Who may do what on a secured broker ({@code fillonce.kafka.access.managed}): at start-up, before the registry
 * reports ready, the services' ACLs ({@link ServiceGrants}); for each department, its own SCRAM-SHA-512 credentials
 * and read access to its own topic only, issued (and rotated) through the Admin API. Both are idempotent: granting
 * twice changes nothing, issuing again replaces the password.
 */
@Component
public class KafkaAccess implements ApplicationRunner, DisposableBean {

    static final String MECHANISM = "SCRAM-SHA-512";
    private static final int ITERATIONS = 8192;
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final Logger log = LoggerFactory.getLogger(KafkaAccess.class);

    private final KafkaAccessSettings settings;
    private final String bootstrapServers;
    private final KafkaAdmin kafkaAdmin;
    private final SecureRandom random = new SecureRandom();
    private Admin admin;

    KafkaAccess(KafkaAccessSettings settings, KafkaProperties kafka, KafkaAdmin kafkaAdmin) {
        this.settings = settings;
        String told = settings.departmentBootstrapServers();
        this.bootstrapServers = told != null && !told.isBlank() ? told : String.join(",", kafka.getBootstrapServers());
        this.kafkaAdmin = kafkaAdmin;
    }

    public boolean managed() {
        return settings.managed();
    }

    /** Grants the services their ACLs; a broker that refuses stops the start (the services could not work). */
    @Override
    public void run(ApplicationArguments args) {
        if (managed()) {
            List<AclBinding> grants = ServiceGrants.services();
            await(admin().createAcls(grants).all(), "grant the services' ACLs");
            log.info("Kafka ACLs of the Fill Once services granted ({} bindings)", grants.size());
        }
    }

    /**
     * New credentials for the department (replacing any it had) and, when {@code read}, its read grant; empty if
     * access is unmanaged.
     */
    public Optional<DepartmentKafkaCredentials> issue(String code, boolean read) {
        if (!managed()) {
            return Optional.empty();
        }
        String principal = ServiceGrants.principal(code);
        String password = newPassword();
        await(admin().alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(principal,
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), password))).all(),
                "store the Kafka credentials of department '" + code + "'");
        if (read) {
            grantRead(code);
        }
        log.info("Kafka credentials of department {} issued (principal {})", code, principal);
        return Optional.of(new DepartmentKafkaCredentials(bootstrapServers, settings.departmentSecurityProtocol(),
                MECHANISM, principal, password, ServiceGrants.topic(code), ServiceGrants.groupPrefix(code)));
    }

    /** Lets the department's principal read its topic (again); granting twice changes nothing. */
    public void grantRead(String code) {
        if (managed()) {
            await(admin().createAcls(ServiceGrants.department(code)).all(),
                    "grant department '" + code + "' its topic");
        }
    }

    /** Takes the department's read of its topic away; its credentials stay, and let it in to nothing. */
    public void revokeRead(String code) {
        if (managed()) {
            await(admin().deleteAcls(ServiceGrants.department(code).stream().map(AclBinding::toFilter).toList()).all()
                    .thenApply(deleted -> null), "revoke department '" + code + "' its topic");
            log.info("Kafka read of department {} revoked: it has no subscription by topic any more", code);
        }
    }

    private String newPassword() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(kafkaAdmin.getConfigurationProperties());
        }
        return admin;
    }

    private static void await(KafkaFuture<Void> future, String what) {
        try {
            future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailable(what, e);
        }
        catch (ExecutionException | TimeoutException e) {
            throw new BrokerUnavailable(what, e.getCause() == null ? e : e.getCause());
        }
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
