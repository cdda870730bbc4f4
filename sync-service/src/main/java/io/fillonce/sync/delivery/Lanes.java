package io.fillonce.sync.delivery;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.fillonce.sync.audit.AuditLog;
import io.fillonce.sync.registry.RegistryCaughtUp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * One lane (thread) per department and channel, started on demand; across instances a lease lets only one of
 * them work a lane. What a lane works on lives in the ledger, never in memory, so a lane holds at most one batch
 * and a restart picks up every entry still waiting.
 */
@Component
public class Lanes implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Lanes.class);

    private final Ledger ledger;
    private final AuditLog audit;
    private final MongoTemplate mongo;
    private final Map<String, Channel> channels;
    private final LaneSettings settings;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final LaneLeases leases;
    private volatile boolean started;

    Lanes(Ledger ledger, AuditLog audit, MongoTemplate mongo, List<Channel> channels, LaneSettings settings) {
        this.ledger = ledger;
        this.audit = audit;
        this.mongo = mongo;
        this.channels = channels.stream().collect(Collectors.toMap(Channel::name, Function.identity()));
        this.settings = settings;
        this.leases = new LaneLeases(mongo, settings.lease(), clock);
    }

    /** The channels a delivery can go by. */
    public boolean knows(String channel) {
        return channels.containsKey(channel);
    }

    /** Lanes start with the records consumer, once the registry view (webhook secrets) is complete. */
    @EventListener(RegistryCaughtUp.class)
    void start() {
        createIndexes();
        started = true;
        ledger.busyLanes().forEach(lane -> wake(lane.get(0), lane.get(1)));
    }

    /** Tells the department's lane for the channel that it has work, starting the lane if needed. */
    public void wake(String department, String channel) {
        if (!started || !channels.containsKey(channel)) {
            return;
        }
        lanes.computeIfAbsent(department + "|" + channel, key -> open(department, channels.get(channel))).wake();
    }

    private Lane open(String department, Channel channel) {
        Lane lane = new Lane(department, channel, ledger, audit, leases, settings, clock);
        Thread thread = new Thread(lane, "lane-" + department + "-" + channel.name());
        thread.setDaemon(true);
        thread.start();
        log.info("Opened the {} lane of department {}", channel.name(), department);
        return lane;
    }

    private void createIndexes() {
        try {
            var indexes = mongo.indexOps(Delivery.class);
            indexes.createIndex(new Index().on("department", Direction.ASC)
                    .on("channel", Direction.ASC)
                    .on("status", Direction.ASC)
                    .on("version", Direction.ASC));
            indexes.createIndex(new Index().on("type", Direction.ASC)
                    .on("entityKey", Direction.ASC));
            indexes.createIndex(new Index().on("department", Direction.ASC)
                    .on("feedSequence", Direction.ASC));
        }
        catch (RuntimeException e) {
            log.warn("Could not create the ledger indexes (lanes run without them): {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        lanes.values().forEach(Lane::stop);
        try {
            leases.release(lanes.values().stream().map(Lane::key).toList());
        }
        catch (RuntimeException e) {
            log.warn("Could not release the lane leases (they expire): {}", e.toString());
        }
    }
}
