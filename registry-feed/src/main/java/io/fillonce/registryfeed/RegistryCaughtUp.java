package io.fillonce.registryfeed;

/** The registry views have applied everything the registry topic held when this instance started following it. */
public record RegistryCaughtUp() {
}
