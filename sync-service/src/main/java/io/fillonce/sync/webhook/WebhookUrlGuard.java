package io.fillonce.sync.webhook;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Refuses webhook URLs whose host resolves to an address inside the platform's own networks: loopback (unless
 * allowed), private, link-local, carrier-grade NAT, unique-local IPv6, wildcard and multicast.
 */
final class WebhookUrlGuard {

    private final boolean allowLoopback;

    WebhookUrlGuard(boolean allowLoopback) {
        this.allowLoopback = allowLoopback;
    }

    /** @throws DeliveryAttemptFailed permanent when refused, unavailable when the host does not resolve (yet) */
    void check(URI url) {
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw DeliveryAttemptFailed.permanent("webhook URL " + url + " refused: only http and https");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(url.getHost());
        }
        catch (UnknownHostException e) {
            throw DeliveryAttemptFailed.unavailable("webhook host " + url.getHost() + " does not resolve");
        }
        for (InetAddress address : addresses) {
            String refusal = refusal(address);
            if (refusal != null) {
                throw DeliveryAttemptFailed.permanent("webhook URL " + url + " refused: " + url.getHost()
                        + " resolves to " + refusal + " address " + address.getHostAddress());
            }
        }
    }

    private String refusal(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return allowLoopback ? null : "a loopback";
        }
        if (address.isSiteLocalAddress() || isCarrierGradeNat(address) || isUniqueLocal(address)) {
            return "a private";
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local";
        }
        if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return "a wildcard or multicast";
        }
        return null;
    }

    private static boolean isCarrierGradeNat(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
    }

    private static boolean isUniqueLocal(InetAddress address) {
        return address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
    }
}
