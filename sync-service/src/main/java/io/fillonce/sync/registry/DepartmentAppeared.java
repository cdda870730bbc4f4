package io.fillonce.sync.registry;

/** A department the view did not know before is now registered. */
public record DepartmentAppeared(String code) {
}
