package io.fillonce.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * A bare HTTP/1.1 client on a socket: sends exactly the bytes a test asks for (no normalisation of the target, no
 * header validation), writes the body while reading the answer (the gateway may answer 413 before reading it all).
 */
final class RawHttp {

    record Request(String method, String target, List<Map.Entry<String, String>> headers, byte[] body, boolean chunked) {

        @Override
        public String toString() {
            String shownBody = body.length > 200 ? body.length + " bytes" : new String(body, StandardCharsets.UTF_8);
            return method + " " + target + " " + headers.stream().map(h -> h.getKey() + ": " + abbreviate(h.getValue()))
                    .toList() + (chunked ? " chunked " : " ") + shownBody;
        }

        private static String abbreviate(String value) {
            return value.length() > 80 ? value.substring(0, 80) + "...(" + value.length() + ")" : value;
        }
    }

    record Response(int status, Map<String, String> headers, byte[] body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    static Response send(int port, Request request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(head(port, request));
            out.flush();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> writeBody(out, request));
            Response response = read(socket.getInputStream());
            writer.exceptionally(ignored -> null).join();
            return response;
        }
    }

    private static byte[] head(int port, Request request) {
        StringBuilder head = new StringBuilder()
                .append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Connection: close\r\n");
        request.headers().forEach(header -> head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n"));
        head.append(request.chunked() ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + request.body().length + "\r\n");
        return head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void writeBody(OutputStream out, Request request) {
        try {
            if (!request.chunked()) {
                out.write(request.body());
            }
            else {
                int chunk = 16 * 1024;
                for (int from = 0; from < request.body().length; from += chunk) {
                    int length = Math.min(chunk, request.body().length - from);
                    out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(request.body(), from, length);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        }
        catch (IOException e) {
            // the gateway answered and closed before taking the whole body: the answer is what counts
        }
    }

    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try {
            in.transferTo(all);
        }
        catch (java.net.SocketException e) {
            if (all.size() == 0) {
                throw e;
            }
        }
        byte[] bytes = all.toByteArray();
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        while (text.startsWith("HTTP/1.1 1")) {
            int interim = text.indexOf("\r\n\r\n") + 4;
            bytes = java.util.Arrays.copyOfRange(bytes, interim, bytes.length);
            text = text.substring(interim);
        }
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no complete answer: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        byte[] body = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
        return new Response(status, headers, "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? dechunk(body) : body);
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int at = 0;
        while (at < text.length()) {
            int lineEnd = text.indexOf("\r\n", at);
            int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            out.write(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }
}
