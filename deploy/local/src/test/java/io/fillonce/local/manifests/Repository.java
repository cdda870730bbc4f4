package io.fillonce.local.manifests;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The repository's files the manifest tests read, found from the module folder the tests run in. */
final class Repository {

    static final Path ROOT = findRoot();

    static final Path COMPOSE = ROOT.resolve("deploy/compose");

    static final Path K8S = ROOT.resolve("deploy/k8s");

    private Repository() {
    }

    /** Every YAML document of the file, parsed safely (no tags that build Java objects). */
    static List<Map<String, Object>> documents(Path file) {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
                if (document != null) {
                    documents.add(Tree.map(document, ROOT.relativize(file).toString()));
                }
            }
        }
        catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
        return documents;
    }

    static List<Manifest> manifests(Path file) {
        String source = ROOT.relativize(file).toString();
        return documents(file).stream().map(document -> new Manifest(source, document)).toList();
    }

    static List<Path> files(Path folder, String... endings) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> Stream.of(endings).anyMatch(end -> file.toString().endsWith(end)))
                    .sorted().toList();
        }
        catch (IOException e) {
            throw new AssertionError("cannot list " + folder, e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    private static Path findRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("deploy/k8s"))) {
                return dir;
            }
        }
        throw new AssertionError("no repository root (mvnw and deploy/k8s) above " + Path.of("").toAbsolutePath());
    }
}
