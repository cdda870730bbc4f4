package io.fillonce.identity;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose {@code X-Fillonce-*} headers are exactly the verified caller's ({@code X-Fillonce-Principal},
 * {@code -Role}, {@code -Department}, {@code -Region}); whatever a client sent under that prefix is gone.
 */
final class IdentityHeaders extends HttpServletRequestWrapper {

    private static final String PREFIX = "x-fillonce-";

    private final Map<String, String> identity = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    IdentityHeaders(HttpServletRequest request, VerifiedCaller caller) {
        super(request);
        identity.put("X-Fillonce-Principal", caller.principal());
        identity.put("X-Fillonce-Role", caller.role());
        if (caller.department() != null) {
            identity.put("X-Fillonce-Department", caller.department());
        }
        if (caller.region() != null) {
            identity.put("X-Fillonce-Region", caller.region());
        }
    }

    @Override
    public String getHeader(String name) {
        return isIdentity(name) ? identity.get(name) : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        if (!isIdentity(name)) {
            return super.getHeaders(name);
        }
        String value = identity.get(name);
        return Collections.enumeration(value == null ? List.of() : List.of(value));
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        Stream<String> others = Collections.list(super.getHeaderNames()).stream().filter(name -> !isIdentity(name));
        return Collections.enumeration(Stream.concat(others, identity.keySet().stream()).toList());
    }

    private static boolean isIdentity(String name) {
        return name != null && name.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }
}
