package io.fillonce.sync.audit;

import java.util.List;

/** A page of an entity's access log in sequence order; pass {@code next} as {@code after} for the following page. */
record EntityAccessPage(String type, String entityKey, List<EntityAccess> items, String next) {
}
