package io.fillonce.identity;

/**
 * A verified caller whose role the shared role table ({@link AccessTable}) does not allow this request; the message
 * says which roles may. Like {@link InvalidIdentity} it goes to the service's own advice, as a 403 problem.
 */
public class RoleNotAllowed extends RuntimeException {

    RoleNotAllowed(String reason) {
        super(reason);
    }
}
