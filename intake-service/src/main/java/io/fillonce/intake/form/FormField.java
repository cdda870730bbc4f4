package io.fillonce.intake.form;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * One leaf field of a record type's schema as a spreadsheet column: a scalar property, nested objects flattened
 * ({@code address} → {@code /address/district}, {@code /address/street}).
 *
 * @param pointer the field's JSON Pointer in a record, e.g. {@code /address/district}
 * @param type the JSON Schema type ({@code string}, {@code integer}, {@code number}, {@code boolean})
 * @param format the schema's {@code format} (e.g. {@code date}), or null
 * @param options the {@code enum} values as text, empty when the field has none
 * @param required the field and every object holding it are required
 * @param title the English {@code title}, or null
 * @param titleZh the {@code x-l10n} zh-CN title, or null
 * @param schema the field's own subschema (its rules: pattern, lengths, bounds, descriptions)
 */
public record FormField(String pointer, String type, String format, List<String> options, boolean required,
        String title, String titleZh, JsonNode schema) {

    public FormField {
        options = List.copyOf(options);
    }

    /** The field's path in dots ({@code address.district}), its label when the schema gives it no title. */
    public String dotted() {
        return pointer.substring(1).replace("/", ".");
    }

    /** "中文标题\nEnglish title"; either line alone when only one exists; the dotted path when neither does. */
    public String label() {
        if (titleZh == null && title == null) {
            return dotted();
        }
        if (titleZh == null || title == null || titleZh.equals(title)) {
            return titleZh != null ? titleZh : title;
        }
        return titleZh + "\n" + title;
    }

    /** The label on one line, with the pointer: how an error names the field. */
    public String named() {
        return label().replace("\n", " ") + " (" + pointer + ")";
    }

    public boolean isDate() {
        return "date".equals(format);
    }
}
