package io.fillonce.registry.cadre;

/** Body of POST /api/registry/cadres; {@code regionCode} is the 6-digit administrative division code. */
record CadreRequest(String id, String name, String regionCode) {
}
