package io.fillonce.local.manifests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * deploy/compose/compose.yaml, and the secrets make-secrets.sh writes for it (made once per test run into a
 * temporary folder, as an operator would, so the env files the services get are checked as they would be).
 */
final class ComposeFile {

    static final String NAME = "deploy/compose/compose.yaml";

    static final Path MAKE_SECRETS = Repository.COMPOSE.resolve("make-secrets.sh");

    private static Map<String, Object> content;

    private static Path secrets;

    private ComposeFile() {
    }

    static synchronized Map<String, Object> content() {
        if (content == null) {
            content = Repository.documents(Repository.COMPOSE.resolve("compose.yaml")).get(0);
        }
        return content;
    }

    static Map<String, Object> service(String name) {
        return Tree.map(Tree.map(content(), "services", NAME), name, NAME + ": services");
    }

    /** The service's variables: its environment and the env_file make-secrets.sh wrote for it. */
    static Map<String, String> environment(String name) {
        Map<String, Object> service = service(name);
        Map<String, String> environment = new LinkedHashMap<>();
        Object declared = service.get("environment");
        if (declared != null) {
            Tree.map(declared, NAME + ": " + name + ".environment")
                    .forEach((key, value) -> environment.put(key, Tree.text(value)));
        }
        for (String envFile : envFiles(service)) {
            environment.putAll(envFile(envFile));
        }
        return environment;
    }

    static List<String> envFiles(Map<String, Object> service) {
        Object files = service.get("env_file");
        if (files == null) {
            return List.of();
        }
        return files instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of((String) files);
    }

    /** The variables of an env_file (a path under secrets/), as make-secrets.sh wrote it. */
    static Map<String, String> envFile(String path) {
        Path file = secretFile(path);
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : Repository.read(file).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int equals = line.indexOf('=');
                variables.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return variables;
    }

    /** A file compose.yaml names under ./secrets/, in the folder make-secrets.sh wrote. */
    static Path secretFile(String path) {
        String relative = path.startsWith("./") ? path.substring(2) : path;
        if (!relative.startsWith("secrets/")) {
            throw new AssertionError(NAME + " reads " + path + ", not a file under secrets/ (make-secrets.sh's)");
        }
        Path file = secretsFolder().resolve(relative.substring("secrets/".length()));
        if (!Files.isRegularFile(file)) {
            throw new AssertionError(NAME + " reads " + path + ", which make-secrets.sh does not write");
        }
        return file;
    }

    static synchronized Path secretsFolder() {
        if (secrets == null) {
            try {
                Path parent = Files.createTempDirectory("fillonce-compose-secrets");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(parent)));
                secrets = parent.resolve("secrets");
                Result result = makeSecrets(secrets);
                if (result.exitCode() != 0) {
                    throw new AssertionError(MAKE_SECRETS + " failed: " + result.output());
                }
            }
            catch (IOException e) {
                throw new AssertionError("cannot run " + MAKE_SECRETS, e);
            }
        }
        return secrets;
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
        catch (IOException e) {
            System.err.println("could not delete " + folder + ": " + e);
        }
    }

    record Result(int exitCode, String output) {
    }

    static Result makeSecrets(Path folder) throws IOException {
        Process process = new ProcessBuilder("bash", MAKE_SECRETS.toString(), folder.toString())
                .redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(MAKE_SECRETS + " did not finish within a minute");
            }
            return new Result(process.exitValue(), output);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
