package io.fillonce.registry.cadre;

/** A cadre as answered over HTTP (never its key or key hash). */
record CadreView(String id, String name, String regionCode, String principal, boolean active) {
}
