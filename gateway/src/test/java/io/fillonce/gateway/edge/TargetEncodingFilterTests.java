package io.fillonce.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TargetEncodingFilterTests {

    @Test
    void plainAndUtf8TargetsPass() {
        assertThat(TargetEncodingFilter.violation("/api/records/resident/370602", "q=%E2%80%AE&limit=10")).isEmpty();
        assertThat(TargetEncodingFilter.violation("/api/records/resident/%F0%9F%98%80%20x", null)).isEmpty();
        assertThat(TargetEncodingFilter.violation("/api/feeds/%2e%2e", "q=%00")).as("dot segments are the path "
                + "check's; a NUL in a query value is the service's to refuse").isEmpty();
    }

    @Test
    void encodedControlCharactersInThePathAreRefusedNamingTheCharacter() {
        assertThat(TargetEncodingFilter.violation("/api/records/resident/%00", null)).get().asString()
                .contains("control characters").contains("%00");
        assertThat(TargetEncodingFilter.violation("/api/records/x%0D%0ASet-Cookie:%20a=b", null)).get().asString()
                .contains("%0D");
        assertThat(TargetEncodingFilter.violation("/api/records/%1f", null)).get().asString().contains("%1F");
        assertThat(TargetEncodingFilter.violation("/api/records/%7F", null)).get().asString().contains("%7F");
        assertThat(TargetEncodingFilter.violation("/api/records/..%00", null)).isPresent();
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedInPathAndQuery() {
        assertThat(TargetEncodingFilter.violation("/api/records/%c0%ae%c0%ae", null)).get().asString()
                .contains("path must be percent-encoded UTF-8");
        assertThat(TargetEncodingFilter.violation("/api/records/%ff", null)).isPresent();
        assertThat(TargetEncodingFilter.violation("/api/records/%ED%A0%80", null)).as("a lone surrogate").isPresent();
        assertThat(TargetEncodingFilter.violation("/api/feeds/civil-affairs", "after=%c0%af")).get().asString()
                .contains("query must be percent-encoded UTF-8");
    }

    @Test
    void decodingIsStrictUtf8AndLeavesStrayPercentSigns() {
        assertThat(TargetEncodingFilter.decodeUtf8("a%20b%E2%82%AC")).isEqualTo("a b\u20AC");
        assertThat(TargetEncodingFilter.decodeUtf8("100%")).isEqualTo("100%");
        assertThat(TargetEncodingFilter.decodeUtf8("%zz")).isEqualTo("%zz");
        assertThat(TargetEncodingFilter.decodeUtf8("%C3")).isNull();
    }
}
