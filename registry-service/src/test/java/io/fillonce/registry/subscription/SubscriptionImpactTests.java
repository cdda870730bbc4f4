package io.fillonce.registry.subscription;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fillonce.registry.recordtype.SchemaTree;

import static org.assertj.core.api.Assertions.assertThat;

/** Which source a break names when the rule reads several (concat) or none (constant). */
class SubscriptionImpactTests {

    private static final SubscriptionDocument.TargetRule CONCAT = new SubscriptionDocument.TargetRule("dz", null,
            List.of("/address/city", "/address/line"), " ", null, "concat", null, null, null, null, null, null, null,
            null);
    private static final SubscriptionDocument.TargetRule COPY = new SubscriptionDocument.TargetRule("xm", "/name",
            null, null, null, null, null, null, null, null, null, null, null, null);

    @Test
    void namesTheConcatSourceThePointerNames() {
        assertThat(SubscriptionImpact.sourceOf(CONCAT, SchemaTree.tokens("/fields/dz/sources/1")))
                .isEqualTo("/address/line");
        assertThat(SubscriptionImpact.sourceOf(CONCAT, SchemaTree.tokens("/fields/dz/sources/0")))
                .isEqualTo("/address/city");
    }

    @Test
    void namesEveryConcatSourceForAProblemWithTheWholeRule() {
        assertThat(SubscriptionImpact.sourceOf(CONCAT, SchemaTree.tokens("/fields/dz/transform")))
                .isEqualTo("/address/city, /address/line");
    }

    @Test
    void namesTheFromOfASingleSourceRule() {
        assertThat(SubscriptionImpact.sourceOf(COPY, SchemaTree.tokens("/fields/xm/from"))).isEqualTo("/name");
    }
}
