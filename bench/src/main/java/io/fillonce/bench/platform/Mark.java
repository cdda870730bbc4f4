package io.fillonce.bench.platform;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which submission a department message carries: the {@code run} and {@code seq} the bench's mapping passes through
 * ({@link RecordShape#subscription}). Read with the streaming parser, top-level fields only, stopping as soon as both
 * are found: the bench reads every message of every department topic it watches.
 */
record Mark(String run, int seq) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The mark of a message value, or null when it is not a JSON object carrying both (not the bench's). */
    static Mark of(byte[] value) {
        if (value == null || value.length == 0) {
            return null;
        }
        try (JsonParser parser = JSON.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String run = null;
            int seq = -1;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if ("run".equals(name) && token == JsonToken.VALUE_STRING) {
                    run = parser.getString();
                }
                else if ("seq".equals(name) && token == JsonToken.VALUE_NUMBER_INT) {
                    seq = parser.getIntValue();
                }
                else {
                    parser.skipChildren();
                }
                if (run != null && seq >= 0) {
                    return new Mark(run, seq);
                }
            }
            return null;
        }
        catch (JacksonException notJson) {
            return null;
        }
    }
}
