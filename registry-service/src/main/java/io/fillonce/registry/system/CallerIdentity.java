package io.fillonce.registry.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every registry API call needs the caller identity the gateway forwards. Role checks are the gateway's job;
 * this service only refuses anonymous calls.
 */
@Configuration(proxyBeanMethods = false)
class CallerIdentity implements WebMvcConfigurer, HandlerInterceptor {

    static final String PRINCIPAL_HEADER = "X-Fillonce-Principal";

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/registry/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!Problems.hasText(request.getHeader(PRINCIPAL_HEADER))) {
            throw new MissingIdentity();
        }
        return true;
    }
}
