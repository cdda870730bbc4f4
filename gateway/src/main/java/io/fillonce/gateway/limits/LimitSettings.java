package io.fillonce.gateway.limits;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import io.fillonce.gateway.principal.Role;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * What one request may weigh and how often a principal may call.
 *
 * @param maxBodySize       body limit of every path except {@code batchPaths}
 * @param maxBatchBodySize  body limit of {@code batchPaths} (NDJSON/CSV uploads)
 * @param batchPaths        Spring path pattern of the batch uploads
 * @param maxHeaderSize     total size of the request headers (names, values, separators)
 * @param maxUriLength      length of the request target (path and query)
 * @param rate              requests per principal, by role; a role without an entry uses {@code defaultRate}
 * @param defaultRate       requests per principal for roles without their own entry
 */
@ConfigurationProperties("fillonce.limits")
record LimitSettings(DataSize maxBodySize, DataSize maxBatchBodySize, String batchPaths, DataSize maxHeaderSize,
        Integer maxUriLength, Map<Role, Rate> rate, Rate defaultRate) {

    LimitSettings {
        maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(2) : maxBodySize;
        maxBatchBodySize = maxBatchBodySize == null ? DataSize.ofMegabytes(64) : maxBatchBodySize;
        batchPaths = batchPaths == null ? "/api/records/*/batch" : batchPaths;
        maxHeaderSize = maxHeaderSize == null ? DataSize.ofKilobytes(16) : maxHeaderSize;
        maxUriLength = maxUriLength == null ? 4096 : maxUriLength;
        rate = rate == null || rate.isEmpty() ? Map.of() : new EnumMap<>(rate);
        defaultRate = defaultRate == null ? new Rate(50, Duration.ofSeconds(1)) : defaultRate;
    }

    Rate rateOf(Role role) {
        return rate.getOrDefault(role, defaultRate);
    }

    /** {@code limitForPeriod} requests every {@code refreshPeriod}. */
    record Rate(int limitForPeriod, Duration refreshPeriod) {

        Rate {
            if (limitForPeriod < 1 || refreshPeriod == null || refreshPeriod.isNegative() || refreshPeriod.isZero()) {
                throw new IllegalArgumentException("fillonce.limits.rate needs limit-for-period >= 1 and a positive "
                        + "refresh-period, got " + limitForPeriod + " per " + refreshPeriod);
            }
        }
    }
}
