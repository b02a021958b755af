package org.portside.rest.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.portside.rest.shared.BadRequest;
import org.portside.rest.shared.Problem;

/**
 * A task's version as an entity tag ({@code "3"}) and the {@code If-Match} header (RFC 9110 §13.1.1):
 * {@code *}, or a list of entity tags compared strongly, so a weak tag never matches.
 */
final class EntityTags {

    private static final Pattern TAG = Pattern.compile("\\s*(W/)?\"([\\x21\\x23-\\x7E\\x80-\\xFF]*)\"\\s*(,|$)");
    private static final Pattern VERSION = Pattern.compile("[0-9]{1,18}");

    private EntityTags() {
    }

    static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an {@code If-Match} asks for: none for an absent header or {@code *}; the version
     * of its one strong tag of ours; -1 (matches no version, so 412) when no tag can be ours.
     *
     * @throws BadRequest for a header that is not an entity-tag list, or names several versions
     */
    static Optional<Long> ifMatch(String header) {
        if (header == null || header.trim().equals("*")) {
            return Optional.empty();
        }
        List<Long> versions = new ArrayList<>();
        Matcher tag = TAG.matcher(header);
        int at = 0;
        while (at < header.length()) {
            if (!tag.find(at) || tag.start() != at) {
                throw malformed();
            }
            if (tag.group(1) == null && VERSION.matcher(tag.group(2)).matches()) {
                versions.add(Long.parseLong(tag.group(2)));
            }
            at = tag.end();
            if (tag.group(3).isEmpty()) {
                break;
            }
        }
        if (at < header.length() || header.isBlank()) {
            throw malformed();
        }
        if (versions.size() > 1) {
            throw new BadRequest("invalid-header", "If-Match may name one version of a task, not " + versions.size(),
                    List.of(Problem.FieldError.parameter("If-Match", "names " + versions.size() + " versions; name one")));
        }
        return Optional.of(versions.isEmpty() ? -1L : versions.get(0));
    }

    private static BadRequest malformed() {
        String detail = "must be * or an entity tag such as \"3\" (with the quotes), as the ETag header gave it";
        return new BadRequest("invalid-header", "If-Match " + detail, List.of(Problem.FieldError.parameter("If-Match", detail)));
    }
}
