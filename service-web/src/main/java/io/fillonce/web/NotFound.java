package io.fillonce.web;

/** The addressed resource does not exist: a 404 problem of type {@code not-found}, the message its detail. */
public class NotFound extends RuntimeException {

    public NotFound(String message) {
        super(message);
    }

    /** "no {kind} '{id}'". */
    public NotFound(String kind, String id) {
        this("no " + kind + " '" + id + "'");
    }
}
