package io.fillonce.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvalidTargetGuardTests {

    @Test
    void onlyTargetsThatAreNotURIsAreRejectedHere() {
        assertThat(InvalidTargetGuard.isValidTarget("/api/records/resident/370602?q=%E2%80%AE")).isTrue();
        assertThat(InvalidTargetGuard.isValidTarget("/api/records/%2e%2e/x")).as("decoded later, by the path check")
                .isTrue();
        assertThat(InvalidTargetGuard.isValidTarget("/api/records/%zz")).isFalse();
        assertThat(InvalidTargetGuard.isValidTarget("/api/records/%")).isFalse();
        assertThat(InvalidTargetGuard.isValidTarget("/api/records/a\\b")).isFalse();
        assertThat(InvalidTargetGuard.isValidTarget("/api/records/a b")).isFalse();
    }
}
