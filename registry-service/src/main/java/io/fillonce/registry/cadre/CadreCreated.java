package io.fillonce.registry.cadre;

/** Answer to creating a cadre: the only time its API key is shown. */
record CadreCreated(String id, String name, String regionCode, String principal, String apiKey) {
}
