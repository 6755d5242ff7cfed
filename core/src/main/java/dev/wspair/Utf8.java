package dev.wspair;

/** Counts the UTF-8 bytes of a string without encoding it (a lone surrogate counts as the one byte {@code '?'} Java writes for it). */
final class Utf8 {

    private Utf8() {
    }

    static int length(String text) {
        int length = text.length();
        int bytes = length;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                }
                else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    bytes += 2;
                    i++;
                }
                else if (!Character.isSurrogate(c)) {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }
}
