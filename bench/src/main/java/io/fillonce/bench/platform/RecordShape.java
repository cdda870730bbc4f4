package io.fillonce.bench.platform;

import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bench's record type: a resident-like record of a given size, its JSON Schema, and the field mapping each
 * department subscribes with. Every record names the run it belongs to ({@code run}) and its number in that run
 * ({@code seq}); the mapping passes both through, so a department message says which submission it carries without
 * the bench depending on keys or event ids. The entity key is {@code <run>-<seq>}, fresh in every run.
 */
public final class RecordShape {

    /** A record without padding is about this long; smaller sizes cannot be made. */
    public static final int MIN_BYTES = 600;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int bytes;

    public RecordShape(int bytes) {
        this.bytes = bytes;
    }

    /** One record of exactly {@code bytes} UTF-8 bytes (as one NDJSON line, without the newline). */
    String record(String run, int seq) {
        ObjectNode record = unpadded(run, seq);
        int missing = bytes - JSON.writeValueAsString(record).length();
        record.put("notes", "x".repeat(Math.max(0, missing)));
        return JSON.writeValueAsString(record);
    }

    /** {@code count} records of the run, numbered from 0, one a line. */
    String ndjson(String run, int from, int count) {
        StringBuilder lines = new StringBuilder(count * (bytes + 1));
        for (int seq = from; seq < from + count; seq++) {
            lines.append(record(run, seq)).append('\n');
        }
        return lines.toString();
    }

    static String entityKey(String run, int seq) {
        return run + "-" + seq;
    }

    private static ObjectNode unpadded(String run, int seq) {
        ObjectNode record = JSON.createObjectNode();
        record.put("idNumber", entityKey(run, seq));
        record.put("run", run);
        record.put("seq", seq);
        record.put("name", "Resident " + seq);
        record.put("gender", seq % 2 == 0 ? "F" : "M");
        record.put("birthDate", String.format(Locale.ROOT, "19%02d-%02d-%02d", 40 + seq % 60, 1 + seq % 12,
                1 + seq % 28));
        record.put("phone", String.format(Locale.ROOT, "138%08d", seq % 100_000_000));
        record.put("regionCode", "370602");
        ObjectNode address = record.putObject("address");
        address.put("district", "Zhifu District");
        address.put("street", "Haigang Road Subdistrict");
        address.put("line", (seq % 200 + 1) + " Haigang Rd, building " + (seq % 9 + 1) + ", unit " + (seq % 4 + 1));
        record.put("household", "H-" + run + "-" + seq / 3);
        record.put("ethnicity", "Han");
        record.put("maritalStatus", "married");
        record.put("education", "upper secondary");
        record.put("occupation", "fisheries cooperative member");
        record.put("employer", "Yantai Zhifu Island Fisheries Cooperative");
        record.put("notes", "");
        return record;
    }

    /** The record type, as {@code POST /api/registry/record-types} takes it. */
    public JsonNode recordType(String name) {
        ObjectNode type = JSON.createObjectNode();
        type.put("name", name);
        type.put("title", "Fill Once benchmark record (synthetic)");
        type.putArray("entityKey").add("idNumber");
        ObjectNode schema = type.putObject("schema");
        schema.put("type", "object");
        schema.putArray("required").add("idNumber").add("run").add("seq").add("name").add("regionCode");
        ObjectNode properties = schema.putObject("properties");
        for (String text : new String[] { "idNumber", "run", "name", "birthDate", "phone", "household", "ethnicity",
                "maritalStatus", "education", "occupation", "employer", "notes" }) {
            properties.putObject(text).put("type", "string");
        }
        properties.putObject("seq").put("type", "integer").put("minimum", 0);
        properties.putObject("gender").put("type", "string").putArray("enum").add("F").add("M");
        properties.putObject("regionCode").put("type", "string").put("pattern", "^[0-9]{6}$");
        ObjectNode address = properties.putObject("address");
        address.put("type", "object");
        ObjectNode parts = address.putObject("properties");
        for (String part : new String[] { "district", "street", "line" }) {
            parts.putObject(part).put("type", "string");
        }
        return type;
    }

    /** A subscription of {@code department} to {@code type} on the topic channel, every field mapped. */
    public static JsonNode subscription(String department, String type) {
        ObjectNode subscription = JSON.createObjectNode();
        subscription.put("department", department);
        subscription.put("recordType", type);
        subscription.put("purpose", "Fill Once benchmark (synthetic data)");
        subscription.put("legalBasis", "none: synthetic benchmark data");
        ObjectNode fields = subscription.putObject("fields");
        String[][] mapping = { { "run", "/run" }, { "seq", "/seq" }, { "id", "/idNumber" }, { "xm", "/name" },
            { "xb", "/gender" }, { "csrq", "/birthDate" }, { "lxdh", "/phone" }, { "xzqh", "/regionCode" },
            { "/jzxx/dz", "/address/line" }, { "/jzxx/jd", "/address/street" }, { "hh", "/household" },
            { "zy", "/occupation" }, { "gzdw", "/employer" }, { "bz", "/notes" } };
        for (String[] rule : mapping) {
            fields.putObject(rule[0]).put("from", rule[1]);
        }
        subscription.putArray("channels").add("topic");
        return subscription;
    }
}
