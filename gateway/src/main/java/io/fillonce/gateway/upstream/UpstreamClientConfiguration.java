package io.fillonce.gateway.upstream;

import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway never repeats a request to a service: Reactor Netty would otherwise resend a request once when a
 * pooled connection turns out to be closed, and a repeated POST is a second submission.
 */
@Configuration(proxyBeanMethods = false)
class UpstreamClientConfiguration {

    @Bean
    HttpClientCustomizer noRetries() {
        return client -> client.disableRetry(true);
    }
}
