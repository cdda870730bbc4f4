package io.fillonce.registry.recordtype;

/** How carefully a field must be handled; sync-service and the ops views use it. */
enum Sensitivity {
    PUBLIC, INTERNAL, PERSONAL, SENSITIVE
}
