package io.fillonce.web;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The HTTP API conventions of a servlet service (docs/conventions.md "Errors", "Paging"): a service {@code @Import}s
 * this on its application class (which also puts it into its {@code @WebMvcTest} slices) and keeps only its own
 * exceptions in its own advice.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.SERVLET)
public class WebConventions {

    @Bean
    ConventionalProblems conventionalProblems() {
        return new ConventionalProblems();
    }

    @Bean
    StrictScalars strictScalars() {
        return new StrictScalars();
    }

    @Bean
    ApiDocumentation apiDocumentation() {
        return new ApiDocumentation();
    }

    /** A controller's {@link Paging} parameter. */
    @Bean
    WebMvcConfigurer pagingParameters() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new PagingParameters());
            }
        };
    }
}
