package io.fillonce.identity;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The gateway-identity check for a servlet service (docs/conventions.md "Signed identity"): a service
 * {@code @Import}s this on its application class, which also puts the filter into its {@code @WebMvcTest} slices.
 * Needs {@code fillonce.identity.secret}; a refused request is an {@link InvalidIdentity} for the service's advice.
 * A controller method takes the verified caller as a {@link VerifiedCaller} parameter.
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

    /** A controller's {@link VerifiedCaller} parameter. */
    @Bean
    WebMvcConfigurer verifiedCallers() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new VerifiedCallers());
            }
        };
    }
}
