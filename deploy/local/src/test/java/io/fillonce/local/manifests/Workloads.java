package io.fillonce.local.manifests;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The rendered Deployments of the four services, and what their containers are set to. */
final class Workloads {

    private Workloads() {
    }

    static Map<String, Object> container(Manifest deployment) {
        return Tree.maps(Tree.at(deployment.content(), "spec.template.spec.containers"), deployment.where()).stream()
                .filter(container -> deployment.name().equals(container.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError(deployment.where() + " has no container " + deployment.name()));
    }

    static List<Map<String, Object>> env(Manifest deployment) {
        Object env = container(deployment).get("env");
        return env == null ? List.of() : Tree.maps(env, deployment.where() + " env");
    }

    /**
     * Each variable's value: given as is, read from the rendered ConfigMap it names, or "fieldRef:" and the pod field
     * it names; null for a Secret's (they stay unread).
     */
    static Map<String, String> values(Manifest deployment, List<Manifest> rendered) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map<String, Object> entry : env(deployment)) {
            String name = Tree.text(entry.get("name"));
            Object configKey = Tree.at(entry, "valueFrom.configMapKeyRef");
            if (configKey != null) {
                Map<String, Object> ref = Tree.map(configKey, deployment.where() + " " + name);
                Manifest configMap = Resources.one(rendered, "ConfigMap", Tree.text(ref.get("name")));
                values.put(name, Tree.text(Tree.map(configMap.content(), "data", configMap.where())
                        .get(Tree.text(ref.get("key")))));
            }
            else if (Tree.at(entry, "valueFrom.fieldRef.fieldPath") != null) {
                values.put(name, "fieldRef:" + Tree.at(entry, "valueFrom.fieldRef.fieldPath"));
            }
            else {
                values.put(name, Tree.text(entry.get("value")));
            }
        }
        return values;
    }

    static Map<String, Object> secretKeyRef(Manifest deployment, String variable) {
        return env(deployment).stream().filter(entry -> variable.equals(entry.get("name")))
                .map(entry -> Tree.at(entry, "valueFrom.secretKeyRef")).filter(ref -> ref != null)
                .map(ref -> Tree.map(ref, deployment.where() + " " + variable)).findFirst()
                .orElseThrow(() -> new AssertionError(deployment.where() + " reads no Secret into " + variable));
    }

    /**
     * The keys of every Secret the render holds or makes: its own Secrets, those the Strimzi User Operator makes
     * for each KafkaUser (its name: password, sasl.jaas.config) and those the MongoDB operator writes for each user
     * of a MongoDBCommunity (metadata.name-db-user: its connection strings, username, password).
     */
    static Map<String, Set<String>> secrets(List<Manifest> rendered) {
        Map<String, Set<String>> secrets = new LinkedHashMap<>();
        for (Manifest secret : Resources.all(rendered, "Secret")) {
            Set<String> keys = new TreeSet<>();
            for (String field : List.of("data", "stringData")) {
                Object data = secret.content().get(field);
                if (data != null) {
                    keys.addAll(Tree.map(data, secret.where()).keySet());
                }
            }
            secrets.put(secret.name(), keys);
        }
        for (Manifest user : Resources.all(rendered, "KafkaUser")) {
            secrets.put(user.name(), Set.of("password", "sasl.jaas.config"));
        }
        for (Manifest mongodb : Resources.all(rendered, "MongoDBCommunity")) {
            for (Map<String, Object> user : Tree.maps(Tree.at(mongodb.content(), "spec.users"), mongodb.where())) {
                secrets.put(mongodb.name() + "-" + user.get("db") + "-" + user.get("name"), Set.of(
                        "connectionString.standard", "connectionString.standardSrv", "username", "password"));
            }
        }
        return secrets;
    }
}
