package io.fillonce.intake.record;

import java.io.IOException;
import java.io.InputStream;

import io.fillonce.intake.IntakeProperties;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * Reads a submitted record: at most {@code fillonce.intake.max-record-bytes} of body, which must be one JSON
 * object without duplicate property names.
 */
@Component
class RecordBodies {

    private final ObjectReader reader;

    private final long maxBytes;

    RecordBodies(JsonMapper json, IntakeProperties properties) {
        this.reader = json.readerFor(JsonNode.class).with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        this.maxBytes = properties.maxRecordBytes().toBytes();
    }

    ObjectNode read(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(Math.toIntExact(Math.min(maxBytes + 1, Integer.MAX_VALUE - 8)));
        if (bytes.length > maxBytes) {
            throw new RecordTooLarge(maxBytes);
        }
        JsonNode node = parse(bytes);
        if (node instanceof ObjectNode record) {
            return record;
        }
        throw new MalformedRecord("The request body must be a JSON object, but it is " + describe(node) + ".");
    }

    private JsonNode parse(byte[] bytes) {
        if (bytes.length == 0) {
            throw new MalformedRecord("The request body is empty; send the record as a JSON object.");
        }
        try {
            return reader.readValue(bytes);
        }
        catch (JacksonException e) {
            throw new MalformedRecord("The request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String describe(JsonNode node) {
        return node == null || node.isMissingNode() ? "empty" : "a JSON " + node.getNodeType().name().toLowerCase();
    }
}
