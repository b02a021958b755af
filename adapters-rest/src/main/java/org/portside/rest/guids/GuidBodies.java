package org.portside.rest.guids;

import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.portside.domain.guids.Expiry;
import org.portside.domain.guids.Guid;
import org.portside.domain.guids.Owner;
import org.portside.domain.shared.Invalid;
import org.portside.rest.shared.BadRequest;
import org.portside.rest.shared.JsonBody;
import org.portside.rest.shared.JsonObjectReader;

/** Reads GUID bodies: {@code expire} as a JSON integer or a string of digits, {@code user}, and {@code guid}. */
@Singleton
final class GuidBodies {

    record Fields(Optional<Expiry> expire, Optional<Owner> owner) {
    }

    private static final List<String> FIELDS = List.of("guid", "expire", "user");
    private static final BigInteger MAX = BigInteger.valueOf(Expiry.MAX);

    private final JsonBody json;

    GuidBodies(JsonBody json) {
        this.json = json;
    }

    /** @param urlGuid the GUID in the URL; empty on {@code /guid}, where a body GUID is refused */
    Fields read(String body, Optional<Guid> urlGuid) {
        JsonObjectReader fields = json.object(body, FIELDS);
        Optional<Guid> bodyGuid = fields.optionalValue("guid", node -> {
            if (urlGuid.isEmpty()) {
                throw Invalid.field("guid", "is chosen by the server here; to pick a GUID, use /guid/{guid}");
            }
            return new Guid(string(node, "guid"));
        });
        Optional<Expiry> expire = fields.optionalValue("expire", GuidBodies::expiry);
        Optional<Owner> owner = fields.optionalValue("user", node -> new Owner(string(node, "user")));
        fields.finish();
        if (bodyGuid.isPresent() && !bodyGuid.equals(urlGuid)) {
            throw BadRequest.at("/guid", "must be absent or equal to the GUID in the URL (" + urlGuid.get() + "); a GUID never changes");
        }
        return new Fields(expire, owner);
    }

    private static String string(JsonNode node, String field) {
        if (!node.isString()) {
            throw Invalid.field(field, "must be a string");
        }
        return node.getStringValue();
    }

    /** A whole number of seconds, given as a JSON integer or a string of digits. */
    static Expiry expiry(JsonNode node) {
        BigInteger seconds;
        if (node.isString()) {
            String digits = node.getStringValue();
            if (!digits.matches("[0-9]{1,30}")) {
                throw Invalid.field("expire", "must be Unix seconds: an integer or a string of digits, not \"" + shorten(digits) + "\"");
            }
            seconds = new BigInteger(digits);
        } else if (node.isNumber()) {
            Number number = node.getNumberValue();
            if (!(number instanceof Integer || number instanceof Long || number instanceof BigInteger
                    || number instanceof Short || number instanceof Byte)) {
                throw Invalid.field("expire", "must be a whole number of seconds, without a fraction or an exponent");
            }
            seconds = new BigInteger(number.toString());
        } else {
            throw Invalid.field("expire", "must be Unix seconds: an integer or a string of digits");
        }
        if (seconds.signum() < 0) {
            throw Invalid.field("expire", "must not be negative");
        }
        if (seconds.compareTo(MAX) > 0) {
            throw Invalid.field("expire", "must not be after 9999-12-31T23:59:59Z (" + Expiry.MAX + ")");
        }
        return new Expiry(seconds.longValueExact());
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
