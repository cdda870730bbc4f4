package io.fillonce.sync.fanout;

import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.fillonce.registryfeed.RegistryCaughtUp;
import io.fillonce.sync.RecordsTopic;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Starts the fan-out when it can do its work right: the registry view has caught up (no record is shared against
 * an empty view), fillonce.records exists (intake creates it), and this instance's HTTP port is known (other
 * instances forward requests for entities whose state lives here to it).
 */
@Component
class FanOutStarter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FanOutStarter.class);

    private final StreamsBuilderFactoryBean fanOut;
    private final RecordsTopic recordsTopic;
    private final FanOutSettings settings;
    private final ScheduledExecutorService waiter = Executors.newSingleThreadScheduledExecutor(waiterThread());
    private volatile boolean caughtUp;
    private volatile int port = -1;
    private volatile boolean started;

    FanOutStarter(StreamsBuilderFactoryBean fanOut, RecordsTopic recordsTopic, FanOutSettings settings) {
        this.fanOut = fanOut;
        this.recordsTopic = recordsTopic;
        this.settings = settings;
    }

    @EventListener(RegistryCaughtUp.class)
    void onRegistryCaughtUp() {
        caughtUp = true;
        waiter.execute(this::startWhenReady);
    }

    @EventListener
    void onWebServer(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() == null) {
            port = event.getWebServer().getPort();
            waiter.execute(this::startWhenReady);
        }
    }

    private synchronized void startWhenReady() {
        if (started || !caughtUp || port < 0) {
            return;
        }
        int partitions;
        try {
            partitions = recordsTopic.partitions();
        }
        catch (RuntimeException e) {
            partitions = 0;
            log.warn("Cannot tell yet whether fillonce.records exists: {}", e.getMessage());
        }
        if (partitions == 0) {
            log.info("Waiting for fillonce.records to exist before the fan-out starts");
            waiter.schedule(this::startWhenReady, 1, TimeUnit.SECONDS);
            return;
        }
        Properties config = fanOut.getStreamsConfiguration();
        config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, settings.advertisedHost() + ":" + port);
        fanOut.setStreamsConfiguration(config);
        fanOut.start();
        started = true;
        log.info("Fan-out started over {} partitions of fillonce.records", partitions);
    }

    private static CustomizableThreadFactory waiterThread() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("fan-out-starter-");
        threads.setDaemon(true);
        return threads;
    }

    @Override
    public void destroy() {
        waiter.shutdownNow();
    }
}
