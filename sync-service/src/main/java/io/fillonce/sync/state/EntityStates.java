package io.fillonce.sync.state;

import java.util.Optional;

import io.fillonce.sync.system.Elsewhere;
import io.fillonce.sync.system.Unavailable;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * Reads one entity's record from the fan-out's state store. The store is partitioned like fillonce.records: an
 * entity lives on the instance running its partition's task. Found elsewhere, the request is answered there
 * ({@link Elsewhere}: the same request is forwarded to that instance, whose controllers check the caller again).
 */
@Component
public class EntityStates {

    /** The fan-out's store of entity records. */
    public static final String STORE = "entities";

    private final StreamsBuilderFactoryBean fanOut;

    EntityStates(StreamsBuilderFactoryBean fanOut) {
        this.fanOut = fanOut;
    }

    /**
     * The entity's record, empty when sync has not seen it.
     *
     * @throws Elsewhere when another instance holds it
     * @throws Unavailable while the fan-out is not running or its partitions are moving
     */
    public Optional<EntityRecord> find(String type, String entityKey) {
        KafkaStreams streams = fanOut.getKafkaStreams();
        if (streams == null || !streams.state().isRunningOrRebalancing()) {
            throw new Unavailable("the fan-out is not running yet on this instance");
        }
        String subject = EntityRecord.subject(type, entityKey);
        try {
            KeyQueryMetadata owner = streams.queryMetadataForKey(STORE, subject, Serdes.String().serializer());
            if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
                throw new Unavailable("the fan-out's partitions are being assigned; try again shortly");
            }
            String here = String.valueOf(fanOut.getStreamsConfiguration().get(StreamsConfig.APPLICATION_SERVER_CONFIG));
            String there = owner.activeHost().host() + ":" + owner.activeHost().port();
            if (!here.equals(there)) {
                throw new Elsewhere("http://" + there);
            }
            ReadOnlyKeyValueStore<String, EntityRecord> store = streams.store(StoreQueryParameters
                    .fromNameAndType(STORE, QueryableStoreTypes.<String, EntityRecord>keyValueStore())
                    .withPartition(owner.partition()));
            return Optional.ofNullable(store.get(subject));
        }
        catch (InvalidStateStoreException e) {
            throw new Unavailable("the fan-out's state is moving between instances; try again shortly");
        }
    }
}
