package io.fillonce.sync.feed;

import java.util.List;

/** A page of a department's feed; {@code next} is the cursor to pass as {@code after} for the following page. */
record FeedPage(List<FeedItem> items, String next) {
}
