package io.fillonce.registry.cadre;

import org.junit.jupiter.api.Test;

import io.fillonce.web.FieldProblem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class CadreRulesTests {

    @Test
    void acceptsACadre() {
        assertThat(CadreRules.check(new CadreRequest("c-0001", "Wang Fang", "370602"))).isEmpty();
    }

    @Test
    void requiresAnIdANameAndASixDigitRegion() {
        assertThat(CadreRules.check(new CadreRequest(null, null, null)))
                .extracting(FieldProblem::pointer, FieldProblem::rule)
                .containsExactly(tuple("/id", "required"), tuple("/name", "required"), tuple("/regionCode", "required"));
        assertThat(CadreRules.check(new CadreRequest("c:1", "Wang Fang", "37060")))
                .extracting(FieldProblem::pointer, FieldProblem::rule)
                .containsExactly(tuple("/id", "pattern"), tuple("/regionCode", "pattern"));
    }
}
