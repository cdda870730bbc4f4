package io.fillonce.local.manifests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Renders a kustomization with {@code kubectl kustomize} (offline). A missing kubectl fails the test that asks,
 * never skips it: .ci/run installs one where the machine has none.
 */
final class Kustomize {

    static final List<String> OVERLAYS = List.of("dev", "production");

    /** The base on its own and every overlay: what each must hold. */
    static final List<String> TARGETS = List.of("base", "dev", "production");

    private static final Map<Path, List<Manifest>> RENDERED = new ConcurrentHashMap<>();

    private Kustomize() {
    }

    static Path overlay(String name) {
        return name.equals("base") ? Repository.K8S.resolve("base") : Repository.K8S.resolve("overlays").resolve(name);
    }

    /** The rendered resources of the overlay, rendered once per test run. */
    static List<Manifest> rendered(String overlay) {
        return RENDERED.computeIfAbsent(overlay(overlay), Kustomize::render);
    }

    private static List<Manifest> render(Path dir) {
        String source = Repository.ROOT.relativize(dir) + " (kubectl kustomize)";
        Process process;
        Path errors;
        try {
            errors = Files.createTempFile("kustomize", ".err");
            process = new ProcessBuilder("kubectl", "kustomize", dir.toString())
                    .redirectError(errors.toFile()).start();
        }
        catch (IOException e) {
            throw new AssertionError("kubectl is needed to render " + dir + " (kubectl kustomize, offline) and could "
                    + "not be started: install it (Debian: apt-get install kubernetes-client; .ci/run does)", e);
        }
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed: " + Files.readString(errors));
            }
            List<Manifest> manifests = new ArrayList<>();
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(output)) {
                if (document != null) {
                    manifests.add(new Manifest(source, Tree.map(document, source)));
                }
            }
            return manifests;
        }
        catch (IOException e) {
            throw new AssertionError("cannot read what kubectl kustomize " + dir + " wrote", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted rendering " + dir, e);
        }
        finally {
            process.destroy();
            errors.toFile().delete();
        }
    }
}
