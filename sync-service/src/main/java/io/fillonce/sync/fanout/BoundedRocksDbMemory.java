package io.fillonce.sync.fanout;

import java.util.Map;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of all the fan-out's RocksDB stores of this JVM together: one block cache shared by
 * every store and partition, which also holds the index and filter blocks and is charged with the memtables (Kafka
 * Streams' documented recipe). Without it each store of each partition keeps its own 50 MB cache and three 16 MB
 * memtables. Its size is the Streams setting {@value #MEMORY}.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** Streams setting: bytes of off-heap memory for every store of this instance together. */
    public static final String MEMORY = "fillonce.rocksdb.memory.bytes";
    private static final double INDEX_AND_FILTER_SHARE = 0.1;
    private static final long MEMTABLE_BYTES = 4L * 1024 * 1024;

    private static Cache cache;
    private static WriteBufferManager writeBuffers;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache(configs));
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(writeBuffers);
        options.setWriteBufferSize(MEMTABLE_BYTES);
        options.setMaxWriteBufferNumber(2);
    }

    private static synchronized Cache cache(Map<String, Object> configs) {
        if (cache == null) {
            long total = Long.parseLong(String.valueOf(configs.getOrDefault(MEMORY, 64L * 1024 * 1024)));
            cache = new LRUCache(total, -1, false, INDEX_AND_FILTER_SHARE);
            writeBuffers = new WriteBufferManager(total / 4, cache);
        }
        return cache;
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write buffer manager are shared by every store: never closed with one of them
    }
}
