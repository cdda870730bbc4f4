package io.fillonce.sync.kit;

import io.fillonce.identity.VerifiedCaller;
import io.swagger.v3.oas.annotations.Operation;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A department's onboarding kit, for the department itself (its own only) and administrators: what it receives
 * (payload schemas, example messages), how to connect, an AsyncAPI document of its channels, snippets and one
 * archive of it all. The gateway routes {@code /api/kit/**} here.
 */
@RestController
class KitController {

    private static final MediaType YAML = MediaType.parseMediaType("application/yaml;charset=UTF-8");
    private static final MediaType ZIP = MediaType.parseMediaType("application/zip");

    private final Kits kits;
    private final TestEvents testEvents;
    private final JsonMapper json;

    KitController(Kits kits, TestEvents testEvents, JsonMapper json) {
        this.kits = kits;
        this.testEvents = testEvents;
        this.json = json;
    }

    @Operation(summary = "The department's onboarding kit: each subscription's payload JSON Schema and example "
            + "message, and how to connect to its topic, feed and webhook")
    @GetMapping(path = "/api/kit/{department}", produces = MediaType.APPLICATION_JSON_VALUE)
    Kit kit(@PathVariable String department) {
        return kits.kitFor(department);
    }

    @Operation(summary = "An AsyncAPI 3.0 document of the department's own topic, feed and webhook, one message per "
            + "subscription with its payload schema")
    @GetMapping(path = "/api/kit/{department}/asyncapi.yaml", produces = "application/yaml")
    ResponseEntity<String> asyncApi(@PathVariable String department) {
        Kit kit = kit(department);
        return ResponseEntity.ok().contentType(YAML).body(AsyncApiDocuments.yaml(kit));
    }

    @Operation(summary = "The whole kit in one zip: README.md, kit.json, asyncapi.yaml, schemas/, examples/, "
            + "snippets/")
    @GetMapping(path = "/api/kit/{department}/kit.zip", produces = "application/zip")
    ResponseEntity<byte[]> archive(@PathVariable String department) {
        Kit kit = kit(department);
        return ResponseEntity.ok().contentType(ZIP)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("fillonce-kit-" + department + ".zip").build().toString())
                .body(KitArchive.zip(kit, json));
    }

    @Operation(summary = "Sends a signed test message (type fillonce.test, no personal data) on each of the "
            + "department's channels: its topic (in a Kafka transaction), its feed and its webhook; answers what was "
            + "sent where")
    @PostMapping("/api/kit/{department}/test-event")
    ResponseEntity<TestEvents.Sent> testEvent(@PathVariable String department, VerifiedCaller caller) {
        String requestedBy = caller.hasRole(VerifiedCaller.DEPARTMENT) ? "the department" : "an administrator";
        return ResponseEntity.accepted().body(testEvents.send(department, requestedBy));
    }
}
