package io.fillonce.gateway.edge;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

import io.fillonce.gateway.problem.ProblemType;
import io.fillonce.gateway.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The services' servlet containers refuse a path with an encoded NUL or bytes that are not UTF-8 before any
 * application code runs, with an HTML page. So the front door refuses such targets first, with a 400 problem
 * naming the rule: once percent-decoded, the path must be UTF-8 without control characters (U+0000–U+001F,
 * U+007F), and the query must be UTF-8. {@link InvalidTargetGuard} has already refused targets that are not URIs.
 */
@Component
class TargetEncodingFilter implements WebFilter, Ordered {

    /** Right after the size limits (which remember the client's path for the problem's {@code instance}). */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 6;

    private final Problems problems;

    TargetEncodingFilter(Problems problems) {
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Optional<String> violation = violation(exchange.getRequest().getURI().getRawPath(),
                exchange.getRequest().getURI().getRawQuery());
        if (violation.isPresent()) {
            return problems.write(exchange, ProblemType.BAD_REQUEST, violation.get());
        }
        return chain.filter(exchange);
    }

    /** Why the raw path and query are refused, if they are. */
    static Optional<String> violation(String rawPath, String rawQuery) {
        String path = decodeUtf8(rawPath);
        if (path == null) {
            return Optional.of("The path must be percent-encoded UTF-8; it contains bytes that are not UTF-8.");
        }
        int control = path.chars().filter(TargetEncodingFilter::isControl).findFirst().orElse(-1);
        if (control >= 0) {
            return Optional.of("The path must not contain control characters (U+0000 to U+001F, U+007F); it "
                    + "contains %" + HexFormat.of().withUpperCase().toHexDigits((byte) control) + ".");
        }
        if (rawQuery != null && decodeUtf8(rawQuery) == null) {
            return Optional.of("The query must be percent-encoded UTF-8; it contains bytes that are not UTF-8.");
        }
        return Optional.empty();
    }

    private static boolean isControl(int c) {
        return c < 0x20 || c == 0x7F;
    }

    /** Percent-decodes strictly as UTF-8; {@code null} if the bytes are not UTF-8. A stray '%' stays as it is. */
    static String decodeUtf8(String raw) {
        if (raw == null) {
            return "";
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length() * 4);
        int i = 0;
        while (i < raw.length()) {
            if (raw.charAt(i) == '%' && i + 2 < raw.length() && isHex(raw.charAt(i + 1)) && isHex(raw.charAt(i + 2))) {
                bytes.put((byte) HexFormat.fromHexDigits(raw, i + 1, i + 3));
                i += 3;
            }
            else {
                int codePoint = raw.codePointAt(i);
                bytes.put(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes.flip()).toString();
        }
        catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
