package org.observatoire.core.quality.bdq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Minimal RFC 4180 CSV: quoted fields, doubled quotes, embedded commas and line breaks, optional BOM. */
final class Csv {

    record Table(List<String> header, List<List<String>> rows) {
    }

    private Csv() {
    }

    static Table read(Reader in) throws IOException {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean first = true;
        int c;
        while ((c = in.read()) != -1) {
            if (first && c == '\uFEFF') {
                first = false;
                continue;
            }
            first = false;
            if (quoted) {
                if (c == '"') {
                    int next = in.read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        if (next == -1) {
                            break;
                        }
                        c = next;
                        if (handleUnquoted(c, field, record, records)) {
                            record = new ArrayList<>();
                        }
                    }
                } else {
                    field.append((char) c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else if (handleUnquoted(c, field, record, records)) {
                record = new ArrayList<>();
            }
        }
        if (field.length() > 0 || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        records.removeIf(r -> r.size() == 1 && r.get(0).isEmpty());
        if (records.isEmpty()) {
            throw new IllegalArgumentException("empty CSV: no header");
        }
        return new Table(List.copyOf(records.get(0)), records.subList(1, records.size()));
    }

    /** Returns true when a record ended. */
    private static boolean handleUnquoted(int c, StringBuilder field, List<String> record, List<List<String>> records) {
        switch (c) {
            case ',' -> {
                record.add(field.toString());
                field.setLength(0);
                return false;
            }
            case '\n' -> {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                return true;
            }
            case '\r' -> {
                return false;
            }
            default -> {
                field.append((char) c);
                return false;
            }
        }
    }

    static final class Writer {
        private final java.io.Writer out;

        Writer(java.io.Writer out) {
            this.out = out;
        }

        void row(List<String> cells) throws IOException {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append('"').append(cells.get(i).replace("\"", "\"\"")).append('"');
            }
            out.write(sb.append('\n').toString());
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A flat JSON object of strings ({"dwc:eventDate":"2021-10-28"}); empty map when not one. */
    static Map<String, String> parseFlatJson(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(text, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
