package io.fillonce.sync.mapping;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.fillonce.fieldrules.FieldMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** sync-service's keyed hashes, which the field-rule language's "hash" transform writes for each department. */
class FieldHashesTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final FieldHashes HASHES =
            new FieldHashes(new MappingSettings("transforms-tests-master-secret-32b"));

    private final JsonNode resident = JSON.readTree("""
            {"idNumber": "370602199001011234", "gender": "F"}""");

    @Test
    void hashesPerDepartmentStablyAndUnjoinably() {
        FieldMapping mapping = FieldMapping.parse(JSON.readTree("""
                {"sfzh": {"from": "/idNumber", "transform": "hash"},
                 "xb": {"from": "/gender", "transform": "hash"}}"""));

        String civil = mapping.payloadFor(resident, name -> Optional.empty(), HASHES.forDepartment("civil-affairs"))
                .get("sfzh").stringValue();
        String health = mapping.payloadFor(resident, name -> Optional.empty(), HASHES.forDepartment("health"))
                .get("sfzh").stringValue();
        FieldHashes restarted = new FieldHashes(new MappingSettings("transforms-tests-master-secret-32b"));
        FieldHashes otherSecret = new FieldHashes(new MappingSettings("another-deployment-master-secret-32b"));

        assertThat(civil).matches("^[0-9a-f]{64}$").isNotEqualTo(health);
        assertThat(restarted.forDepartment("civil-affairs").hash("370602199001011234")).isEqualTo(civil);
        assertThat(otherSecret.forDepartment("civil-affairs").hash("370602199001011234")).isNotEqualTo(civil);
        assertThat(civil).isNotEqualTo(sha256Hex("370602199001011234"));
    }

    @Test
    void sharesNothingWithoutASecret() {
        assertThatThrownBy(() -> new MappingSettings(null)).hasMessageContaining("FILLONCE_HASH_SECRET");
        assertThatThrownBy(() -> new MappingSettings("too-short")).hasMessageContaining("32 bytes");
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
