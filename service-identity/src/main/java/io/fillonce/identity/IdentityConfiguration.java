package io.fillonce.identity;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * The gateway-identity check for a servlet service (docs/conventions.md "Signed identity"): a service
 * {@code @Import}s this on its application class, which also puts the filter into its {@code @WebMvcTest} slices.
 * Needs {@code fillonce.identity.secret}; a refused request is an {@link InvalidIdentity} for the service's advice.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.SERVLET)
@EnableConfigurationProperties(IdentitySettings.class)
public class IdentityConfiguration {

    @Bean
    IdentityFilter identityFilter(IdentitySettings settings,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems,
            ObjectProvider<RefusedRequests> refusals) {
        return new IdentityFilter(settings, problems, refusals.getIfAvailable());
    }
}
