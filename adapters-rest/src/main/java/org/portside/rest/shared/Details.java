package org.portside.rest.shared;

/** Client text quoted back in a problem's {@code detail}: short, and never a broken character. */
public final class Details {

    static final int MAX_CODE_POINTS = 40;

    private Details() {
    }

    /**
     * The first {@value #MAX_CODE_POINTS} code points of {@code text}, then an ellipsis. Cut at code
     * points, not UTF-16 units: half a surrogate pair cannot be written as JSON.
     */
    public static String clip(String text) {
        return clip(text, MAX_CODE_POINTS);
    }

    static String clip(String text, int maxCodePoints) {
        if (text.codePointCount(0, text.length()) <= maxCodePoints) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, maxCodePoints)) + "…";
    }
}
