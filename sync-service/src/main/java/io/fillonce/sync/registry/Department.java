package io.fillonce.sync.registry;

/** A registered department; its code names its topic {@code fillonce.dept.<code>}. */
record Department(String code, String name) {
}
