package io.fillonce.sync.feed;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.fillonce.web.Paging;

/**
 * Where a department is in its feed: the next offset to read in each partition of its topic, as an opaque
 * URL-safe token ({@code v1:} then {@code <partition>=<offset>} pairs, base64url). Empty: from the beginning.
 */
record FeedCursor(Map<Integer, Long> next) {

    private static final String VERSION = "v1:";

    FeedCursor {
        next = Map.copyOf(next);
    }

    static FeedCursor beginning() {
        return new FeedCursor(Map.of());
    }

    /** Reads {@code after} as a cursor an earlier page returned; a 400 naming the parameter otherwise. */
    static FeedCursor parse(String token) {
        if (token == null || token.isEmpty()) {
            return beginning();
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!text.startsWith(VERSION)) {
                throw new IllegalArgumentException("not a cursor");
            }
            Map<Integer, Long> next = new TreeMap<>();
            String pairs = text.substring(VERSION.length());
            if (!pairs.isEmpty()) {
                for (String pair : pairs.split(",")) {
                    String[] parts = pair.split("=", 2);
                    long offset = Long.parseLong(parts[1]);
                    int partition = Integer.parseInt(parts[0]);
                    if (offset < 0 || partition < 0) {
                        throw new IllegalArgumentException("negative");
                    }
                    next.put(partition, offset);
                }
            }
            return new FeedCursor(next);
        }
        catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw Paging.badCursor(token);
        }
    }

    String token() {
        String pairs = new TreeMap<>(next).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        return Base64.getUrlEncoder().withoutPadding().encodeToString((VERSION + pairs).getBytes(StandardCharsets.UTF_8));
    }
}
