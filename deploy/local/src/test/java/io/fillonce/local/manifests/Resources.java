package io.fillonce.local.manifests;

import java.util.List;

/** Finding resources by kind and name in a set of manifests. */
final class Resources {

    private Resources() {
    }

    static List<Manifest> all(List<Manifest> manifests, String kind) {
        return manifests.stream().filter(manifest -> kind.equals(manifest.kind())).toList();
    }

    static Manifest one(List<Manifest> manifests, String kind, String name) {
        return manifests.stream().filter(manifest -> kind.equals(manifest.kind()) && name.equals(manifest.name()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " in "
                        + (manifests.isEmpty() ? "(nothing)" : manifests.get(0).source())));
    }
}
