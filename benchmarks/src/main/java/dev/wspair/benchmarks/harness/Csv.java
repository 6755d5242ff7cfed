package dev.wspair.benchmarks.harness;

import java.util.ArrayList;
import java.util.List;

/** The results' CSV dialect: fields joined with commas, a field that holds a comma in double quotes. */
final class Csv {

    private Csv() {
    }

    /**
     * A line of fields.
     * @param fields the fields, none containing a double quote
     * @return the line
     */
    static String line(String... fields) {
        StringBuilder line = new StringBuilder();
        for (String field : fields) {
            if (!line.isEmpty()) {
                line.append(',');
            }
            line.append(field.contains(",") ? "\"" + field + "\"" : field);
        }
        return line.toString();
    }

    /**
     * The fields of a line written by {@link #line}.
     * @param line the line
     * @return the fields
     */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            }
            else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
