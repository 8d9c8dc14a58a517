package io.tideway.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.message.SchemaStore;

/**
 * The earlier versions of each event's schema, kept as resources {@code io/tideway/schemas/history/<Name>-v<N>.avsc}
 * (each self-contained: named types inlined), so that a reader decodes records written with any of them. A record
 * names its writer schema by fingerprint only; without the schema itself a reader cannot resolve it. When a schema
 * changes, the version it had goes into the history before the change is released, and stays there.
 */
public final class SchemaHistory {

    private static final String FOLDER = "history/";

    private SchemaHistory() {
    }

    /** Every earlier version of {@code type}'s schema, oldest first; empty for a schema that never changed. */
    public static List<Schema> versionsOf(Class<?> type) {
        List<Schema> versions = new ArrayList<>();
        for (int v = 1; ; v++) {
            String resource = FOLDER + type.getSimpleName() + "-v" + v + ".avsc";
            try (InputStream in = SchemaHistory.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return versions;
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the schema history " + resource, e);
            }
        }
    }

    /** A store of {@code type}'s earlier versions, found by fingerprint, for {@link AvroSerde}. */
    public static SchemaStore storeFor(Class<?> type) {
        SchemaStore.Cache store = new SchemaStore.Cache();
        versionsOf(type).forEach(store::addSchema);
        return store;
    }
}
