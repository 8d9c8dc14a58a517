package io.tideway.destination;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** Replaces known secrets in free text (server replies, exception messages) with {@code ***}. */
public final class Masker {

    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^:/@\\s]*:)[^@\\s]*@");
    private static final Pattern TD_KEY = Pattern.compile("(td://)[^@/\\s]+@");

    private final List<String> secrets;

    private Masker(List<String> secrets) {
        this.secrets = secrets;
    }

    public static Masker of(String... secrets) {
        return new Masker(Arrays.stream(secrets).filter(Objects::nonNull).filter(s -> !s.isEmpty()).toList());
    }

    public String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, "***");
        }
        return maskUrlLike(masked);
    }

    /** Masks anything in text that looks like a URL password or a td API key, for text whose secrets are unknown. */
    public static String maskUrlLike(String text) {
        String masked = URL_PASSWORD.matcher(text).replaceAll("$1***@");
        return TD_KEY.matcher(masked).replaceAll("$1***@");
    }
}
