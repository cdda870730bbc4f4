package io.fillonce.sync.registry;

/** The registry view has read everything fillonce.registry held when the service started. */
public record RegistryCaughtUp() {
}
