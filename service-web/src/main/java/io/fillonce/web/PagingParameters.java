package io.fillonce.web;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Gives a controller method its {@link Paging} parameter from {@code ?limit=&after=}. */
final class PagingParameters implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Paging.class.equals(parameter.getParameterType());
    }

    @Override
    public Paging resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
            NativeWebRequest request, WebDataBinderFactory binders) {
        return Paging.of(request.getParameter(Paging.LIMIT), request.getParameter(Paging.AFTER));
    }
}
