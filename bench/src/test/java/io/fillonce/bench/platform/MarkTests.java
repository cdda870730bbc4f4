package io.fillonce.bench.platform;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkTests {

    @Test
    void readsRunAndSeqWhereverTheyAreAmongTheTopLevelFields() {
        assertThat(Mark.of(bytes("{\"xm\":\"Li\",\"jzxx\":{\"run\":\"other\",\"seq\":1},\"seq\":42,\"run\":\"r1\"}")))
                .isEqualTo(new Mark("r1", 42));
    }

    @Test
    void aMessageWithoutBothIsNotTheBenchs() {
        assertThat(Mark.of(bytes("{\"run\":\"r1\"}"))).isNull();
        assertThat(Mark.of(bytes("{\"run\":\"r1\",\"seq\":\"42\"}"))).isNull();
        assertThat(Mark.of(bytes("[1,2]"))).isNull();
        assertThat(Mark.of(bytes("not json"))).isNull();
        assertThat(Mark.of(new byte[0])).isNull();
        assertThat(Mark.of(null)).isNull();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
