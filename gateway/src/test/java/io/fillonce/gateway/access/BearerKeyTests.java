package io.fillonce.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class BearerKeyTests {

    @Test
    void readsTheKeyOfABearerHeader() {
        assertThat(BearerKey.from(headers("Bearer fo_abc-123.x~y+z/="))).contains("fo_abc-123.x~y+z/=");
        assertThat(BearerKey.from(headers("bearer k1"))).contains("k1");
    }

    @Test
    void rejectsAnythingElse() {
        assertThat(BearerKey.from(new HttpHeaders())).isEmpty();
        assertThat(BearerKey.from(headers("Basic dXNlcjpwYXNz"))).isEmpty();
        assertThat(BearerKey.from(headers("Bearer "))).isEmpty();
        assertThat(BearerKey.from(headers("Bearer two words"))).isEmpty();
        assertThat(BearerKey.from(headers("Bearer " + "k".repeat(8193)))).isEmpty();
        assertThat(BearerKey.from(headers("Bearer a", "Bearer b"))).isEmpty();
    }

    private static HttpHeaders headers(String... authorization) {
        HttpHeaders headers = new HttpHeaders();
        for (String value : authorization) {
            headers.add(HttpHeaders.AUTHORIZATION, value);
        }
        return headers;
    }
}
