package io.fillonce.sync.system;

/**
 * What a request needs lives on another sync instance ({@code baseUrl}): the request is answered by forwarding it
 * there unchanged (the caller's signed identity included), see {@link Forwarding}.
 */
public class Elsewhere extends RuntimeException {

    private final String baseUrl;

    public Elsewhere(String baseUrl) {
        super("answered by the sync instance at " + baseUrl, null, false, false);
        this.baseUrl = baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }
}
