package io.fillonce.local.manifests;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ManifestFilesTests {

    @Test
    void everyYamlAndJsonFileUnderComposeAndK8sParses() {
        List<Path> files = new ArrayList<>();
        files.addAll(Repository.files(Repository.COMPOSE, ".yaml", ".yml", ".json"));
        files.addAll(Repository.files(Repository.K8S, ".yaml", ".yml", ".json"));
        assertThat(files).hasSizeGreaterThan(20);
        for (Path file : files) {
            if (file.toString().endsWith(".json")) {
                assertThat(JsonMapper.builder().build().readTree(file.toFile())).as(file.toString()).isNotNull();
            }
            else {
                assertThat(Repository.documents(file)).as(file + " holds YAML documents").isNotEmpty();
            }
        }
    }

    @Test
    void everyComposeImageIsPinnedToAVersion() {
        Map<String, Object> services = Tree.map(ComposeFile.content(), "services", ComposeFile.NAME);
        services.forEach((name, service) -> assertPinned(
                Tree.text(Tree.map(service, ComposeFile.NAME + ": services." + name).get("image")),
                ComposeFile.NAME + ": services." + name));
    }

    @Test
    void everyImageAndOperatorManagedVersionInTheOverlaysIsPinned() {
        for (String overlay : Kustomize.OVERLAYS) {
            for (Manifest manifest : Kustomize.rendered(overlay)) {
                Object template = Tree.at(manifest.content(), "spec.template.spec.containers");
                if (template != null) {
                    for (Map<String, Object> container : Tree.maps(template, manifest.where())) {
                        assertPinned(Tree.text(container.get("image")), manifest.where() + " " + container.get("name"));
                    }
                }
            }
            Manifest kafka = Resources.one(Kustomize.rendered(overlay), "Kafka", "fillonce");
            assertThat(Tree.text(Tree.at(kafka.content(), "spec.kafka.version"))).as(kafka.where() + " version")
                    .matches("\\d+\\.\\d+\\.\\d+");
            Manifest mongodb = Resources.one(Kustomize.rendered(overlay), "MongoDBCommunity", "fillonce-mongodb");
            assertThat(Tree.text(Tree.at(mongodb.content(), "spec.version"))).as(mongodb.where() + " version")
                    .matches("\\d+\\.\\d+\\.\\d+");
        }
    }

    private static void assertPinned(String image, String where) {
        assertThat(image).as(where + " has an image").isNotBlank();
        String last = image.substring(image.lastIndexOf('/') + 1);
        assertThat(last.contains(":") || image.contains("@sha256:")).as(where + ": " + image + " names a tag").isTrue();
        assertThat(last).as(where + ": " + image + " is pinned, not latest").doesNotEndWith(":latest");
    }
}
