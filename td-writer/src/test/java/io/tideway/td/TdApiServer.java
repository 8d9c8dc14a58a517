package io.tideway.td;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;
import org.msgpack.value.ValueType;

/**
 * The target account's bulk-import API, in memory, on a real HTTP server (the JDK's) on 127.0.0.1: it stands in for
 * the query-service's implementation of the contract in these tests. It holds databases and tables (rows as maps,
 * each column's kind fixed by its first value), API keys (master or write-only), import sessions whose parts are
 * replaced by name, and it records every request. Its answers:
 * <ul>
 *   <li>any call: 401 without {@code Authorization: TD1 <known key>};</li>
 *   <li>{@code create/{s}/{db}/{table}}: 404 for an unknown database, 409 for a committed session, else 200 (an
 *       open session starts over: its parts are dropped, as the query-service does);</li>
 *   <li>{@code upload_part/{s}/{part}}: 404 unknown session, 409 committed, 415 without application/octet-stream,
 *       400 for a body that is not gzip'd msgpack maps with string keys, else the part replaces any of that name;</li>
 *   <li>{@code commit/{s}?mode=}: 404 unknown session, 200 {@code already_committed} when committed, 403 for
 *       replace with a write-only key, 422 when a value does not fit a column's kind (nothing is applied), else the
 *       parts' rows, in part-name order, are appended to the table (created if missing) or replace its rows;</li>
 *   <li>{@code delete/{s}}: 404 unknown, 409 committed (a commit is never undone), else the session is dropped;</li>
 *   <li>{@code show/{s}}: the session with {@code status} and {@code valid_records}.</li>
 * </ul>
 * A test scripts other answers with {@link #failNext}.
 */
final class TdApiServer implements AutoCloseable {

    static final String MASTER_KEY = "1/" + "0123456789abcdef".repeat(2) + "01234567";
    static final String WRITE_ONLY_KEY = "1/" + "fedcba9876543210".repeat(2) + "76543210";

    /** A request as received: method, path, query (or null), headers (lower-case names), body. */
    record Request(String method, String path, String query, Map<String, String> headers, byte[] body) {

        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase()));
        }

        /** {@code PUT /v3/bulk_import/upload_part/s/part-00000}, with {@code ?query} if any. */
        String line() {
            return method + " " + path + (query == null ? "" : "?" + query);
        }
    }

    /** An import session. */
    static final class Session {
        final String name;
        final String database;
        final String table;
        final TreeMap<String, List<Map<String, Object>>> parts = new TreeMap<>();
        boolean committed;
        long validRecords;

        Session(String name, String database, String table) {
            this.name = name;
            this.database = database;
            this.table = table;
        }
    }

    private record Rule(String method, String pathPart, int status, String text, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Boolean> keys = new HashMap<>(); // key -> master
    private final List<String> databases = new ArrayList<>();
    private final Map<String, List<Map<String, Object>>> tables = new HashMap<>();
    private final Map<String, Map<String, String>> kinds = new HashMap<>();
    private final Map<String, Session> sessions = new HashMap<>();
    private final List<Request> requests = new ArrayList<>();
    private final List<Rule> rules = new ArrayList<>();

    private TdApiServer(HttpServer server) {
        this.server = server;
        keys.put(MASTER_KEY, true);
        keys.put(WRITE_ONLY_KEY, false);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** A server with the two keys and the given databases. */
    static TdApiServer start(String... databases) {
        try {
            TdApiServer api = new TdApiServer(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
            api.databases.addAll(List.of(databases));
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same over HTTPS, with the server's key and certificate from {@code tls}. */
    static TdApiServer startHttps(SSLContext tls, String... databases) {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            TdApiServer api = new TdApiServer(server);
            api.databases.addAll(List.of(databases));
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** {@code td://KEY@127.0.0.1:PORT/db/table?query}. */
    String url(String key, String dbAndTable) {
        return "td://" + key + "@127.0.0.1:" + port() + "/" + dbAndTable;
    }

    /** The next request whose method is {@code method} and whose path holds {@code pathPart} gets this reply. */
    synchronized TdApiServer failNext(String method, String pathPart, int status, String text,
                                      Map<String, String> headers) {
        rules.add(new Rule(method, pathPart, status, text, headers));
        return this;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized List<String> requestLines() {
        return requests.stream().map(Request::line).toList();
    }

    synchronized List<Map<String, Object>> rows(String database, String table) {
        return List.copyOf(tables.getOrDefault(database + "." + table, List.of()));
    }

    synchronized boolean hasTable(String database, String table) {
        return tables.containsKey(database + "." + table);
    }

    synchronized Optional<Session> session(String name) {
        return Optional.ofNullable(sessions.get(name));
    }

    /** How many parts an open or committed session holds; 0 when there is no such session. */
    synchronized int partCount(String session) {
        Session found = sessions.get(session);
        return found == null ? 0 : found.parts.size();
    }

    /** The part names of an open or committed session, in order. */
    synchronized List<String> parts(String session) {
        return List.copyOf(sessions.get(session).parts.keySet());
    }

    synchronized List<Map<String, Object>> part(String session, String part) {
        return List.copyOf(sessions.get(session).parts.get(part));
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), headers, body);
            Reply reply;
            synchronized (this) {
                requests.add(request);
                reply = answer(request);
            }
            reply.headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] json = reply.json.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status, json.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(json);
            }
        }
    }

    private record Reply(int status, String json, Map<String, String> headers) {

        static Reply ok(String json) {
            return new Reply(200, json, Map.of());
        }

        static Reply error(int status, String error, String text) {
            String quoted = quote(text);
            return new Reply(status, "{\"error\":" + quote(error) + ",\"text\":" + quoted + ",\"message\":" + quoted
                    + ",\"severity\":\"error\"}", Map.of());
        }
    }

    private Reply answer(Request request) {
        for (Rule rule : rules) {
            if (rule.method.equals(request.method()) && request.path().contains(rule.pathPart)) {
                rules.remove(rule);
                Reply scripted = Reply.error(rule.status, "Scripted", rule.text);
                return new Reply(scripted.status, scripted.json, rule.headers);
            }
        }
        String auth = request.header("Authorization").orElse("");
        Boolean master = auth.startsWith("TD1 ") ? keys.get(auth.substring(4)) : null;
        if (master == null) {
            return Reply.error(401, "Unauthorized", "The API key is not valid for this account");
        }
        String[] path = request.path().split("/");
        if (path.length < 5 || !path[1].equals("v3") || !path[2].equals("bulk_import")) {
            return Reply.error(404, "Resource not found", "No such call: " + request.path());
        }
        String call = request.method() + " " + path[3];
        return switch (call) {
            case "POST create" -> create(path[4], path[5], path[6]);
            case "PUT upload_part" -> upload(path[4], path[5], request);
            case "POST commit" -> commit(path[4], request.query(), master);
            case "POST delete" -> delete(path[4]);
            case "GET show" -> show(path[4]);
            default -> Reply.error(404, "Resource not found", "No such call: " + call);
        };
    }

    private Reply create(String name, String database, String table) {
        if (!databases.contains(database)) {
            return Reply.error(404, "Resource not found", "Database '" + database + "' not found");
        }
        Session session = sessions.get(name);
        if (session != null && session.committed) {
            return new Reply(409, "{\"error\":\"Conflict\",\"text\":\"Bulk import session " + name
                    + " is already committed\",\"details\":{\"conflicts_with\":\"" + name + "\"}}", Map.of());
        }
        sessions.put(name, new Session(name, database, table)); // an open session starts over: parts dropped
        return Reply.ok("{\"bulk_import\":" + quote(name) + "}");
    }

    private Reply upload(String name, String part, Request request) {
        Session session = sessions.get(name);
        if (session == null) {
            return Reply.error(404, "Resource not found", "Bulk import session " + name + " not found");
        }
        if (session.committed) {
            return Reply.error(409, "Conflict", "Bulk import session " + name + " is already committed");
        }
        if (!request.header("Content-Type").orElse("").equals("application/octet-stream")) {
            return Reply.error(415, "Unsupported Media Type", "A part is application/octet-stream");
        }
        try {
            session.parts.put(part, decode(request.body()));
        } catch (IOException | RuntimeException e) {
            return Reply.error(400, "Bad Request", "Part " + part + " is not gzip'd msgpack maps: " + e.getMessage());
        }
        return Reply.ok("{\"bulk_import\":" + quote(name) + ",\"name\":" + quote(part) + "}");
    }

    private Reply commit(String name, String query, boolean master) {
        Session session = sessions.get(name);
        if (session == null) {
            return Reply.error(404, "Resource not found", "Bulk import session " + name + " not found");
        }
        if (session.committed) {
            return Reply.ok("{\"bulk_import\":" + quote(name) + ",\"already_committed\":true}");
        }
        String mode = query == null ? "append" : query.replaceFirst("^.*mode=([a-z]+).*$", "$1");
        if (!mode.equals("append") && !mode.equals("replace")) {
            return Reply.error(400, "Bad Request", "mode must be append or replace, not " + mode);
        }
        boolean replace = mode.equals("replace");
        if (replace && !master) {
            return Reply.error(403, "Forbidden", "A write-only API key may only append");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        session.parts.values().forEach(rows::addAll);
        String table = session.database + "." + session.table;
        Map<String, String> columns = new HashMap<>(replace ? Map.of() : kinds.getOrDefault(table, Map.of()));
        for (Map<String, Object> row : rows) {
            for (Map.Entry<String, Object> cell : row.entrySet()) {
                String kind = kind(cell.getValue());
                String known = columns.putIfAbsent(cell.getKey(), kind);
                if (kind != null && known != null && !known.equals(kind)) {
                    return Reply.error(422, "Unprocessable Entity", "Column '" + cell.getKey() + "' of " + table
                            + " is " + known + " and cannot take the " + kind + " value " + cell.getValue());
                }
                if (known == null && kind == null) {
                    columns.remove(cell.getKey());
                }
            }
        }
        if (replace) {
            tables.put(table, new ArrayList<>(rows));
        } else {
            tables.computeIfAbsent(table, t -> new ArrayList<>()).addAll(rows);
        }
        kinds.put(table, columns);
        session.committed = true;
        session.validRecords = rows.size();
        return Reply.ok("{\"bulk_import\":" + quote(name) + "}");
    }

    private Reply delete(String name) {
        Session session = sessions.get(name);
        if (session == null) {
            return Reply.error(404, "Resource not found", "Bulk import session " + name + " not found");
        }
        if (session.committed) {
            return Reply.error(409, "Conflict", "Bulk import session " + name + " is committed; it stays");
        }
        sessions.remove(name);
        return Reply.ok("{\"bulk_import\":" + quote(name) + "}");
    }

    private Reply show(String name) {
        Session session = sessions.get(name);
        if (session == null) {
            return Reply.error(404, "Resource not found", "Bulk import session " + name + " not found");
        }
        return Reply.ok("{\"name\":" + quote(name) + ",\"database\":" + quote(session.database) + ",\"table\":"
                + quote(session.table) + ",\"status\":\"" + (session.committed ? "committed" : "uploading")
                + "\",\"upload_frozen\":" + session.committed + ",\"valid_parts\":" + session.parts.size()
                + ",\"valid_records\":" + session.validRecords + "}");
    }

    /** The rows of a part: gzip of msgpack maps with string keys, back to back. */
    static List<Map<String, Object>> decode(byte[] gzip) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip));
             MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(in)) {
            while (unpacker.hasNext()) {
                Value value = unpacker.unpackValue();
                if (value.getValueType() != ValueType.MAP) {
                    throw new IOException("a row is a " + value.getValueType() + ", not a map");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> row = (Map<String, Object>) toJava(value);
                rows.add(row);
            }
        }
        return rows;
    }

    private static Object toJava(Value value) throws IOException {
        switch (value.getValueType()) {
            case NIL:
                return null;
            case BOOLEAN:
                return value.asBooleanValue().getBoolean();
            case INTEGER:
                return value.asIntegerValue().isInLongRange() ? (Object) value.asIntegerValue().toLong()
                        : (Object) value.asIntegerValue().toBigInteger();
            case FLOAT:
                return value.asFloatValue().toDouble();
            case STRING:
                return value.asStringValue().asString();
            case ARRAY:
                List<Object> list = new ArrayList<>();
                for (Value element : value.asArrayValue()) {
                    list.add(toJava(element));
                }
                return list;
            case MAP:
                Map<String, Object> map = new LinkedHashMap<>();
                for (Map.Entry<Value, Value> entry : value.asMapValue().entrySet()) {
                    if (entry.getKey().getValueType() != ValueType.STRING) {
                        throw new IOException("a key is a " + entry.getKey().getValueType() + ", not a string");
                    }
                    map.put(entry.getKey().asStringValue().asString(), toJava(entry.getValue()));
                }
                return map;
            default:
                throw new IOException("unexpected " + value.getValueType());
        }
    }

    private static String kind(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Long || value instanceof BigInteger) {
            return "long";
        }
        if (value instanceof Double) {
            return "double";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof List) {
            return "array";
        }
        return value instanceof Map ? "map" : "string";
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
