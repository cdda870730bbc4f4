package io.fillonce.registry.principal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.fillonce.registry.publishing.RegistryPublisher;

/** What ./fillonce up (or any restart with the same configuration) may and may not do to the bootstrap admin. */
class BootstrapAdminKeyTests {

    private final PrincipalRepository repository = mock(PrincipalRepository.class);
    private final RegistryPublisher publisher = mock(RegistryPublisher.class);
    private final Principals principals = new Principals(repository, publisher, mock(MongoTemplate.class),
            Clock.fixed(Instant.parse("2026-12-04T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void aRevokedBootstrapKeyStaysRevokedWhenTheSameKeyIsConfiguredAgain() {
        PrincipalDocument revoked = bootstrapAdmin("the-configured-key", false);
        when(repository.findById("admin:bootstrap")).thenReturn(Optional.of(revoked));

        principals.ensureBootstrapAdmin("the-configured-key");

        assertThat(revoked.isActive()).isFalse();
        verify(repository, never()).save(any());
        verify(publisher, never()).publish(any(PrincipalDocument.class));
    }

    @Test
    void aNewlyConfiguredKeyIsTheBootstrapAdminsKeyFromNowOn() {
        PrincipalDocument revoked = bootstrapAdmin("the-old-key", false);
        when(repository.findById("admin:bootstrap")).thenReturn(Optional.of(revoked));
        when(repository.save(any())).thenAnswer(call -> call.getArgument(0));

        principals.ensureBootstrapAdmin("a-new-key");

        assertThat(revoked.isActive()).isTrue();
        assertThat(revoked.getKeyHash()).isEqualTo(ApiKeys.hash("a-new-key"));
        verify(publisher).publish(revoked);
    }

    @Test
    void theFirstStartCreatesIt() {
        when(repository.findById("admin:bootstrap")).thenReturn(Optional.empty());
        when(repository.save(any())).thenAnswer(call -> call.getArgument(0));

        principals.ensureBootstrapAdmin("the-configured-key");

        verify(repository).save(any());
    }

    private static PrincipalDocument bootstrapAdmin(String key, boolean active) {
        PrincipalDocument admin = new PrincipalDocument();
        admin.setId("admin:bootstrap");
        admin.setRole(Role.ADMIN);
        admin.setKeyHash(ApiKeys.hash(key));
        admin.setActive(active);
        return admin;
    }
}
